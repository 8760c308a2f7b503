"""Generate a large demo data set on top of the real content, for benchmarks.

    manage.py generate_demo_data --cities 1000 --projects 5000 --people 20000 --stories 100000

Everything is written with bulk_create in batches (no save(), no signals), so what save()
would do is done here in bulk: search documents are built by `search.indexing` itself, with a
segmenter that remembers the words of each phrase (see `stories.demo_text`), and the tsvectors
are computed by PostgreSQL per batch. Generated objects have slugs starting with `demo-`
(`demo-city-…`, `demo-project-…`, `demo-person-…`, `demo-…` for stories); their sizes follow
the real content's (a story has a title in both languages, a Thai excerpt of 280–600
characters and, like the real ones, no body). Images are a few shared files under
`MEDIA_ROOT/demo/`, made once.

Refuses to run against a database holding content that was not generated, unless --force.
"""

import io
import itertools
import random
import time
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image, ImageDraw

from cities.models import City, Programme, ProgrammeMembership, Region
from projects.models import Person, ProjectMember, ProjectStatus, ResearchProject
from search.indexing import build_documents, for_indexing, index_queryset, update_vectors
from search.models import ResultKind, SearchDocument
from stories.demo_text import HONORIFICS, TOPICAL, DemoText
from stories.models import Consent, Story, StoryKind, StoryPerson, StoryStatus
from tags.models import Tag, TaggedItem

SLUG_PREFIX = "demo-"
CITY_PREFIX, PROJECT_PREFIX, PERSON_PREFIX = "demo-city-", "demo-project-", "demo-person-"
BATCH = 2000
# Above this many stories, the search indexes are dropped while loading and built after.
REBUILD_INDEXES_FROM = 10_000
TAG_COUNT = 300
# A few shared pictures: (file name, size, colours). Renditions are made once per file.
IMAGES = [
    (f"demo/photo-{number}.jpg", (1600, 1000), colours)
    for number, colours in enumerate(
        [("#2f6f5e", "#f2c14e"), ("#3b5b92", "#f28f3b"), ("#7a3b69", "#9bc53d"),
         ("#8c2f39", "#e9d8a6"), ("#005f73", "#ee9b00"), ("#5f0f40", "#0f4c5c")],
        start=1,
    )
]  # fmt: skip
PORTRAITS = [(f"demo/portrait-{n}.jpg", (800, 800), c) for n, (_f, _s, c) in enumerate(IMAGES, 1)]
# Thailand's bounding box, for coordinates.
LATITUDES, LONGITUDES = (5.7, 20.4), (97.4, 105.6)
MODELS = {"cities": City, "projects": ResearchProject, "people": Person, "stories": Story}


class Command(BaseCommand):
    help = "Bulk-insert generated cities, projects, people and stories (Thai and English), indexed."

    def add_arguments(self, parser):
        parser.add_argument("--cities", type=int, default=0, help="How many cities (default 0).")
        parser.add_argument("--projects", type=int, default=0, help="Research projects (0).")
        parser.add_argument("--people", type=int, default=0, help="People (default 0).")
        parser.add_argument("--stories", type=int, default=1000, help="Stories (default 1000).")
        parser.add_argument("--seed", type=int, default=4, help="Random seed (default 4).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds content that was not generated.",
        )
        parser.add_argument(
            "--images-only",
            action="store_true",
            help="Only write the shared demo pictures into MEDIA_ROOT (when it moved).",
        )

    def handle(self, *args, cities, projects, people, stories, seed, force, **options):
        if options["images_only"]:
            self._images()
            return
        counts = {"cities": cities, "projects": projects, "people": people, "stories": stories}
        if min(counts.values()) < 0 or not any(counts.values()):
            raise CommandError("Give at least one positive count; none may be negative.")
        real = {
            name: model.objects.exclude(slug__startswith=SLUG_PREFIX).count()
            for name, model in MODELS.items()
        }
        if any(real.values()) and not force:
            held = ", ".join(f"{count} {name}" for name, count in real.items() if count)
            raise CommandError(
                f"This database holds real content ({held} not generated): generate demo "
                "data in a database of its own, or pass --force."
            )
        began = time.monotonic()
        self.verbosity = options["verbosity"]
        self.rng = random.Random(seed)
        self.text = DemoText(self.rng)
        self.now = timezone.now()
        self._log(f"vocabulary ready ({time.monotonic() - began:.0f} s)")
        self._images()
        with self._search_indexes_built_after(stories >= REBUILD_INDEXES_FROM):
            self._step("cities", cities, self._cities)
            self._step("people", people, self._people)
            self._step("projects", projects, self._projects)
            self._step("stories", stories, self._stories)
        if connection.vendor == "postgresql":
            self._log("vacuum and analyze")
            with connection.cursor() as cursor:
                for table in ("stories_story", "search_searchdocument", "tags_taggeditem",
                              "stories_storyperson", "stories_story_projects", "cities_city",
                              "projects_person", "projects_researchproject"):  # fmt: skip
                    # VACUUM (the vectors were written by UPDATE) needs to be outside a
                    # transaction, which a caller such as a test may hold.
                    vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                    cursor.execute(f"{vacuum} {table}")
        made = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
        self.stdout.write(
            self.style.SUCCESS(f"Generated {made} in {time.monotonic() - began:.0f} s.")
        )

    def _log(self, message):
        if self.verbosity:
            self.stdout.write(f"  {message}")

    def _step(self, name, count, make):
        if not count:
            return
        began = time.monotonic()
        make(count)
        connection.queries_log.clear()  # with DEBUG on, every bulk INSERT's SQL is kept
        self._log(f"{count} {name} in {time.monotonic() - began:.0f} s")

    def _batches(self, prefix, model, count):
        """(first number, size) of each batch, numbering after the demo objects already there."""
        start = model.objects.filter(slug__startswith=prefix).count()
        for offset in range(start, start + count, BATCH):
            yield offset, min(BATCH, start + count - offset)

    # --- images -------------------------------------------------------------------------

    def _images(self):
        """Write the shared demo pictures once (a gradient with a few shapes each)."""
        for name, size, (start, end) in IMAGES + PORTRAITS:
            if default_storage.exists(name):
                continue
            picture = Image.new("RGB", size, start)
            draw = ImageDraw.Draw(picture)
            width, height = size
            end_rgb = Image.new("RGB", (1, 1), end).getpixel((0, 0))
            start_rgb = picture.getpixel((0, 0))
            for y in range(height):
                mix = y / height
                colour = tuple(
                    round(a + (b - a) * mix) for a, b in zip(start_rgb, end_rgb, strict=True)
                )
                draw.line([(0, y), (width, y)], fill=colour)
            for index in range(6):
                x, y = (index * 37 % 10) * width // 10, (index * 53 % 10) * height // 10
                radius = width // (6 + index)
                draw.ellipse([x, y, x + radius, y + radius], outline="white", width=6)
            buffer = io.BytesIO()
            picture.save(buffer, "JPEG", quality=82)
            default_storage.save(name, ContentFile(buffer.getvalue()))

    # --- cities -------------------------------------------------------------------------

    def _cities(self, count):
        from pythainlp.corpus import provinces

        all_provinces = sorted(provinces(details=True), key=lambda row: row["name_en"])
        programmes = list(Programme.objects.order_by("order", "pk"))
        if not programmes:
            programmes = [
                Programme.objects.create(
                    slug="demo-programme", name_th="โครงการสาธิต", name_en="Demo programme"
                )
            ]
        numbers = {
            programme.pk: programme.memberships.aggregate(n=Max("number"))["n"] or 0
            for programme in programmes
        }
        regions = Region.values
        for offset, size in self._batches(CITY_PREFIX, City, count):
            rows = []
            for number in range(offset, offset + size):
                province = self.rng.choice(all_provinces)
                place = self.text.thai_word()
                image = IMAGES[number % len(IMAGES)][0] if number % 4 else ""
                rows.append(
                    City(
                        slug=f"{CITY_PREFIX}{number}",
                        name_th=f"เมือง{place}",
                        name_en=f"{self.text.romanize(place)} City",
                        province_th=province["name_th"],
                        province_en=province["name_en"],
                        region=self.rng.choice(regions),
                        research_area_th=f"ย่าน{self.text.thai_word()}",
                        research_area_en=f"{self.text.english(4, 12)} district",
                        hero_image=image,
                        hero_image_alt_th=f"ภาพเมือง{place}" if image else "",
                        hero_image_alt_en=f"A view of {self.text.romanize(place)}" if image else "",
                        latitude=self._coordinate(LATITUDES),
                        longitude=self._coordinate(LONGITUDES),
                        is_published=True,
                    )
                )
            with transaction.atomic():
                created = City.objects.bulk_create(rows)
                memberships = []
                for city in created:
                    programme = self.rng.choice(programmes)
                    numbers[programme.pk] += 1
                    memberships.append(
                        ProgrammeMembership(
                            city=city, programme=programme, number=numbers[programme.pk]
                        )
                    )
                ProgrammeMembership.objects.bulk_create(memberships)
                self._index(ResultKind.CITY, City, created)

    def _coordinate(self, bounds):
        return Decimal(f"{self.rng.uniform(*bounds):.6f}")

    def _city_ids(self):
        ids = list(
            City.objects.filter(slug__startswith=CITY_PREFIX, is_published=True).values_list(
                "pk", flat=True
            )
        )
        return ids or list(City.objects.published().values_list("pk", flat=True))

    # --- people -------------------------------------------------------------------------

    def _people(self, count):
        city_ids = self._city_ids()
        for offset, size in self._batches(PERSON_PREFIX, Person, count):
            rows = []
            for number in range(offset, offset + size):
                name_th, name_en = self.text.person_name()
                honorific_th, honorific_en = self.rng.choice(HONORIFICS)
                photo = PORTRAITS[number % len(PORTRAITS)][0] if number % 2 else ""
                has_bio = number % 3 == 0
                rows.append(
                    Person(
                        slug=f"{PERSON_PREFIX}{number}",
                        honorific_th=honorific_th,
                        honorific_en=honorific_en,
                        name_th=name_th,
                        name_en=name_en,
                        role_th=self.text.thai(20, 120),
                        role_en=self.text.english(20, 120),
                        affiliation_th=f"มหาวิทยาลัย{self.text.thai_word()}",
                        affiliation_en=f"{self.text.english(6, 20)} University",
                        bio_th=self.text.thai(40, 200) if has_bio else "",
                        bio_en=self.text.english(40, 200) if has_bio else "",
                        photo=photo,
                        photo_alt_th=f"ภาพของ{name_th}" if photo else "",
                        photo_alt_en=f"Portrait of {name_en}" if photo else "",
                        city_id=self.rng.choice(city_ids) if city_ids else None,
                        is_published=True,
                    )
                )
            with transaction.atomic():
                created = Person.objects.bulk_create(rows)
                self._index(ResultKind.PERSON, Person, created)

    def _people_by_city(self):
        by_city = {}
        everyone = []
        rows = Person.objects.filter(slug__startswith=PERSON_PREFIX, is_published=True)
        for pk, city_id in rows.values_list("pk", "city_id"):
            by_city.setdefault(city_id, []).append(pk)
            everyone.append(pk)
        return by_city, everyone

    # --- projects -----------------------------------------------------------------------

    def _projects(self, count):
        city_ids = self._city_ids()
        if not city_ids:
            raise CommandError("Research projects need cities: generate some with --cities.")
        programmes = list(Programme.objects.values_list("pk", flat=True))
        people_by_city, everyone = self._people_by_city()
        taken = {
            (row["city"], row["programme"]): row["n"]
            for row in ResearchProject.objects.values("city", "programme").annotate(n=Max("number"))
        }
        tags = self._tags()
        content_type = ContentType.objects.get_for_model(ResearchProject)
        statuses = ProjectStatus.values
        for offset, size in self._batches(PROJECT_PREFIX, ResearchProject, count):
            rows, teams = [], []
            for number in range(offset, offset + size):
                city_id = self.rng.choice(city_ids)
                programme_id = self.rng.choice(programmes)
                taken[city_id, programme_id] = taken.get((city_id, programme_id), 0) + 1
                team = self._pick(people_by_city.get(city_id) or everyone, 2, 4)
                start_year = self.rng.randint(2019, 2025)
                rows.append(
                    ResearchProject(
                        slug=f"{PROJECT_PREFIX}{number}",
                        title_th=f"โครงการ{self.text.thai(25, 80)}",
                        title_en=f"Research on {self.text.english(20, 70, capitalize=False)}",
                        city_id=city_id,
                        programme_id=programme_id,
                        number=taken[city_id, programme_id],
                        lead_id=team[0] if team else None,
                        institution_th=f"มหาวิทยาลัย{self.text.thai(10, 40)}",
                        institution_en=f"{self.text.english(10, 50)} University",
                        start_year=start_year,
                        end_year=start_year + self.rng.randint(0, 2),
                        status=self.rng.choice(statuses),
                        is_published=True,
                    )
                )
                teams.append(team)
            with transaction.atomic():
                created = ResearchProject.objects.bulk_create(rows)
                ProjectMember.objects.bulk_create(
                    ProjectMember(
                        project=project,
                        person_id=person_id,
                        role_th="หัวหน้าโครงการวิจัย" if order == 0 else "นักวิจัย",
                        role_en="Head of the research project" if order == 0 else "Researcher",
                        order=order,
                    )
                    for project, team in zip(created, teams, strict=True)
                    for order, person_id in enumerate(team)
                )
                self._tag(created, content_type, tags, 1, 3)
                self._index(ResultKind.PROJECT, ResearchProject, created)

    def _projects_by_city(self):
        by_city = {}
        rows = ResearchProject.objects.filter(slug__startswith=PROJECT_PREFIX)
        for pk, city_id in rows.values_list("pk", "city_id"):
            by_city.setdefault(city_id, []).append(pk)
        return by_city

    # --- tags ---------------------------------------------------------------------------

    def _tags(self):
        """The tag pool, created once: topical words and dictionary words, Zipf-weighted."""
        if hasattr(self, "_tag_pool"):
            return self._tag_pool
        rng = random.Random(self.rng.random())
        names = list(dict.fromkeys([*TOPICAL, *rng.sample(self.text.vocabulary, TAG_COUNT)]))
        names = names[:TAG_COUNT]
        existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        missing = [name for name in names if name not in existing]
        tags = []
        for name in missing:
            tag = Tag(name=name)
            tag.slug = tag.slugify(name)
            tags.append(tag)
        Tag.objects.bulk_create(tags)
        existing.update(Tag.objects.filter(name__in=missing).values_list("name", "pk"))
        ids = [existing[name] for name in names]
        self._tag_pool = (ids, list(itertools.accumulate(1 / rank for rank in range(1, 301))))
        return self._tag_pool

    def _tag(self, objects, content_type, tags, low, high):
        ids, cumulative = tags
        TaggedItem.objects.bulk_create(
            TaggedItem(tag_id=tag_id, content_type=content_type, object_id=obj.pk)
            for obj in objects
            for tag_id in set(
                self.rng.choices(
                    ids, cum_weights=cumulative[: len(ids)], k=self.rng.randint(low, high)
                )
            )
        )

    def _pick(self, pool, low, high):
        if not pool:
            return []
        return self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))

    # --- stories ------------------------------------------------------------------------

    def _stories(self, count):
        cities = {
            city.pk: city
            for city in City.objects.filter(pk__in=self._city_ids()).only("pk", "is_published")
        }
        city_ids = sorted(cities)
        people_by_city, everyone = self._people_by_city()
        projects_by_city = self._projects_by_city()
        tags = self._tags()
        content_type = ContentType.objects.get_for_model(Story)
        kinds = StoryKind.values
        through = Story.projects.through
        for offset, size in self._batches(SLUG_PREFIX, Story, count):
            rows, links = [], []
            for number in range(offset, offset + size):
                # Like the real content: most stories belong to a city, some to the programme.
                city_id = self.rng.choice(city_ids) if city_ids and number % 6 else None
                image = IMAGES[number % len(IMAGES)][0] if number % 2 else ""
                story = Story(
                    slug=f"{SLUG_PREFIX}{number}",
                    title_th=self.text.thai(28, 84),
                    title_en=self.text.english(30, 83),
                    excerpt_th=self.text.thai(277, 604),
                    body_th="",
                    body_en="",
                    kind=self.rng.choice(kinds),
                    status=StoryStatus.PUBLISHED,
                    published_at=self.now
                    - timezone.timedelta(minutes=self.rng.randint(60, 5 * 365 * 1440)),
                    city=cities.get(city_id),
                    hero_image=image,
                    hero_image_alt_th="ภาพประกอบเรื่อง" if image else "",
                    hero_image_alt_en="An illustration of the story" if image else "",
                )
                rows.append(story)
                links.append(
                    (
                        self._pick(people_by_city.get(city_id) or everyone, 0, 2),
                        self._pick(projects_by_city.get(city_id, []), 0, 1),
                    )
                )
            with transaction.atomic():
                created = Story.objects.bulk_create(rows)
                StoryPerson.objects.bulk_create(
                    StoryPerson(
                        story=story, person_id=person_id, order=order, consent=Consent.GIVEN
                    )
                    for story, (people, _projects) in zip(created, links, strict=True)
                    for order, person_id in enumerate(people)
                )
                through.objects.bulk_create(
                    through(story_id=story.pk, researchproject_id=project_id)
                    for story, (_people, projects) in zip(created, links, strict=True)
                    for project_id in projects
                )
                self._tag(created, content_type, tags, 1, 4)
                documents = SearchDocument.objects.bulk_create(
                    document
                    for story in created
                    for document in build_documents(ResultKind.STORY, story, self.text.segment)
                )
                update_vectors(SearchDocument.objects.filter(pk__in=[d.pk for d in documents]))
            connection.queries_log.clear()
            if self.verbosity > 1:
                self._log(f"stories up to {SLUG_PREFIX}{offset + size - 1}")

    def _index(self, kind, model, objects):
        """Search documents of objects just created, built by search.indexing in bulk."""
        queryset = for_indexing(model.objects.filter(pk__in=[obj.pk for obj in objects]))
        index_queryset(kind, queryset.order_by("pk"), batch_size=BATCH, segment=self.text.segment)

    @contextmanager
    def _search_indexes_built_after(self, rebuild):
        """Building a GIN index once is much faster than updating it row by row."""
        indexes = [index for index in SearchDocument._meta.indexes if isinstance(index, GinIndex)]
        if not rebuild or connection.vendor != "postgresql":
            yield
            return
        with connection.schema_editor() as editor:
            for index in indexes:
                editor.remove_index(SearchDocument, index)
        try:
            yield
        finally:
            self._log("building the search indexes")
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")
            with connection.schema_editor() as editor:
                for index in indexes:
                    editor.add_index(SearchDocument, index)
