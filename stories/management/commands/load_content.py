"""Load the real WeCitizens content (stories/content/seed.json) into the database.

Safe to run again: objects are matched by slug (or what identifies them), created when
missing, and a field of an existing object is brought up to date with the seed only while it
still holds what the last load wrote (`SeedRecord`): a field staff changed in the admin since
is kept. A field with no record yet (a database loaded before records were kept) is filled
when empty and otherwise kept. Running it again on an unchanged seed changes nothing.
`--refresh` rewrites every field the seed gives, staff changes included.
The seed's text is normalised as it is read, as saving would, so the comparisons compare like
with like.
"""

import hashlib
import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from cities.models import City, Programme, ProgrammeMembership
from core.thai import normalize_text
from projects.models import Person, ProjectMember, ResearchProject
from stories.models import SeedRecord, Story, StoryPerson, StoryStatus

SEED_PATH = Path(__file__).resolve().parents[2] / "content" / "seed.json"
LEARNING_CITY = "learning-city"


def normalized(item):
    """A seed object with its text normalised (json calls it for each object, innermost first)."""
    return {
        key: normalize_text(value) if isinstance(value, str) else value
        for key, value in item.items()
    }


def comparable(field, value):
    """A field's value as the database holds it: a related object's key, a Decimal's digits."""
    if field.is_relation:
        return getattr(value, "pk", value)
    value = field.to_python(value)
    return str(value.normalize()) if isinstance(value, Decimal) else value


def fingerprint(value):
    encoded = json.dumps(value, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def seed_key(lookup):
    """How the seed finds an object, as text: "slug=roi-et", "city=roi-et&programme=ciap"."""
    return "&".join(
        f"{name}={getattr(value, 'slug', value)}" for name, value in sorted(lookup.items())
    )


def is_opening(story):
    """Whether the seed holds only the opening of the post: the page's texts that stop
    mid-sentence end in "…" (see the seed's README)."""
    text = story.get("body_th") or story.get("excerpt_th") or ""
    return text.rstrip().endswith("…")


class Command(BaseCommand):
    help = (
        "Load the WeCitizens cities, programmes, projects, people and stories; a field staff "
        "changed since the last load is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Overwrite the fields the seed gives on objects that already exist.",
        )
        parser.add_argument("--path", default=str(SEED_PATH), help="Seed file to load.")

    def handle(self, *args, **options):
        seed = json.loads(Path(options["path"]).read_text(encoding="utf-8"), object_hook=normalized)
        self.refresh = options["refresh"]
        self.created = self.updated = self.kept = 0
        with transaction.atomic():
            self.records = {
                (record.model, record.key): record for record in SeedRecord.objects.all()
            }
            self.load(seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"WeCitizens content: {self.created} created, {self.updated} updated, "
                f"staff changes kept: {self.kept}, "
                f"{City.objects.count()} cities, {ResearchProject.objects.count()} projects, "
                f"{Story.objects.count()} stories."
            )
        )

    def upsert(self, model, lookup, values):
        obj = model.objects.filter(**lookup).first()
        record_key = (model._meta.label, seed_key(lookup))
        record = self.records.get(record_key)
        loaded = dict(record.fields) if record else {}
        seed = {name: self.fingerprints(model, name, value) for name, value in values.items()}
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            obj.save()
            self.created += 1
            self.remember(record_key, record, {n: pair[0] for n, pair in seed.items()})
            return obj, True
        changed = {}
        for name, value in values.items():
            stored, stored_is_empty = self.fingerprints(model, name, self.stored(obj, name))
            if stored == seed[name][0]:
                loaded[name] = stored
            elif self.refresh or (loaded[name] == stored if name in loaded else stored_is_empty):
                changed[name] = value
                loaded[name] = seed[name][0]
            else:
                self.kept += 1
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            obj.save()
            self.updated += 1
        if record is None or loaded != record.fields:
            self.remember(record_key, record, loaded)
        return obj, False

    @staticmethod
    def stored(obj, name):
        field = obj._meta.get_field(name)
        return getattr(obj, field.attname)

    @staticmethod
    def fingerprints(model, name, value):
        """The value's fingerprint as the database would hold it, and whether it is empty."""
        field = model._meta.get_field(name)
        value = comparable(field, value)
        return fingerprint(value), value in (None, "")

    def remember(self, record_key, record, fields):
        """Record the fingerprints of what the seed last wrote (or found) in the object."""
        if record is None:
            model, key = record_key
            self.records[record_key] = SeedRecord.objects.create(
                model=model, key=key, fields=fields
            )
        else:
            record.fields = fields
            record.save(update_fields=["fields", "loaded_at"])

    def load(self, seed):
        programmes = {}
        for item in seed["programmes"]:
            values = {k: v for k, v in item.items() if k != "slug"}
            programmes[item["slug"]], _ = self.upsert(Programme, {"slug": item["slug"]}, values)

        cities = {}
        for item in seed["cities"]:
            values = {
                k: v
                for k, v in item.items()
                if k not in {"slug", "programmes", "research_projects"}
            }
            city, _ = self.upsert(City, {"slug": item["slug"]}, {**values, "is_published": True})
            cities[item["slug"]] = city
            for membership in item["programmes"]:
                self.upsert(
                    ProgrammeMembership,
                    {"city": city, "programme": programmes[membership["programme"]]},
                    {"number": membership["number"]},
                )
            self.load_learning_city_projects(city, item["research_projects"], programmes)

        people = {}
        for item in seed["people"]:
            values = {k: v for k, v in item.items() if k not in {"slug", "city"}}
            values["city"] = cities.get(item.get("city"))
            people[item["slug"]], _ = self.upsert(Person, {"slug": item["slug"]}, values)

        projects = {}
        for item in seed["research_projects"]:
            values = {
                k: v
                for k, v in item.items()
                if k not in {"slug", "city", "programme", "lead", "team"}
            }
            project, _ = self.upsert(
                ResearchProject,
                {"slug": item["slug"]},
                {
                    **values,
                    "city": cities[item["city"]],
                    "programme": programmes[item["programme"]],
                    "lead": people.get(item.get("lead")),
                    "is_published": True,
                },
            )
            projects[item["slug"]] = project
            for order, member in enumerate(item.get("team", [])):
                self.upsert(
                    ProjectMember,
                    {"project": project, "person": people[member["person"]]},
                    {"role_th": member["role_th"], "role_en": member["role_en"], "order": order},
                )

        # The page lists its newest post first; create the oldest first so the ids
        # (the tie-breaker for stories with no known date) keep the page's order.
        for item in reversed(seed["stories"]):
            values = {
                k: v for k, v in item.items() if k not in {"slug", "city", "people", "projects"}
            }
            values.setdefault("is_excerpt_of_source", is_opening(item))
            story, created = self.upsert(
                Story,
                {"slug": item["slug"]},
                {**values, "city": cities.get(item["city"]), "status": StoryStatus.PUBLISHED},
            )
            for order, person_slug in enumerate(item.get("people", [])):
                self.upsert(
                    StoryPerson, {"story": story, "person": people[person_slug]}, {"order": order}
                )
            if created or self.refresh:
                story.projects.add(*(projects[slug] for slug in item.get("projects", [])))

    def load_learning_city_projects(self, city, count, programmes):
        """The seed names each city's number of research projects, not their titles."""
        programme = programmes[LEARNING_CITY]
        for number in range(1, count + 1):
            slug = city.slug if count == 1 else f"{city.slug}-{number}"
            self.upsert(
                ResearchProject,
                {"slug": slug},
                {
                    "city": city,
                    "programme": programme,
                    "number": number,
                    "start_year": programme.start_year,
                    "end_year": programme.end_year,
                    "is_published": True,
                },
            )
