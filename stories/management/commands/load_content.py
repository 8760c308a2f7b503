"""Load the real WeCitizens content (stories/content/seed.json) into the database.

Idempotent: objects are matched by slug and only created when missing, so running it again
changes nothing, and edits staff made in the admin are never overwritten. `--refresh`
rewrites the fields the seed gives (for when the seed file itself is corrected).
The seed's text is normalised as it is read, as saving would, so `--refresh` compares like
with like.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from cities.models import City, Programme, ProgrammeMembership
from core.thai import normalize_text
from projects.models import Person, ProjectMember, ResearchProject
from stories.models import Story, StoryPerson, StoryStatus

SEED_PATH = Path(__file__).resolve().parents[2] / "content" / "seed.json"
LEARNING_CITY = "learning-city"


def normalized(item):
    """A seed object with its text normalised (json calls it for each object, innermost first)."""
    return {
        key: normalize_text(value) if isinstance(value, str) else value
        for key, value in item.items()
    }


def is_opening(story):
    """Whether the seed holds only the opening of the post: the page's texts that stop
    mid-sentence end in "…" (see the seed's README)."""
    text = story.get("body_th") or story.get("excerpt_th") or ""
    return text.rstrip().endswith("…")


class Command(BaseCommand):
    help = "Load the WeCitizens cities, programmes, projects, people and stories (idempotent)."

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
        self.created = self.updated = 0
        with transaction.atomic():
            self.load(seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"WeCitizens content: {self.created} created, {self.updated} updated, "
                f"{City.objects.count()} cities, {ResearchProject.objects.count()} projects, "
                f"{Story.objects.count()} stories."
            )
        )

    def upsert(self, model, lookup, values):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean(validate_unique=False, validate_constraints=False)
            obj.save()
            self.created += 1
            return obj, True
        if self.refresh:
            changed = {k: v for k, v in values.items() if self.differs(obj, k, v)}
            if changed:
                for key, value in changed.items():
                    setattr(obj, key, value)
                obj.save()
                self.updated += 1
        return obj, False

    @staticmethod
    def differs(obj, name, seed_value):
        """Compare as the database would: the seed gives coordinates as strings, not Decimals."""
        field = obj._meta.get_field(name)
        if not field.is_relation:
            seed_value = field.to_python(seed_value)
        return getattr(obj, name) != seed_value

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
