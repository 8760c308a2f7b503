"""Page corpus: every page type's HTML and SQL query count, recorded and compared byte for byte.

A safety net for changes that must not change behaviour (moving code between packages,
merging duplicates): record the corpus before, compare after each step.

    .venv/bin/python bench/page_corpus.py record DIR     # writes DIR/index.json and DIR/pages/
    .venv/bin/python bench/page_corpus.py compare DIR    # exit 1 if any page or count differs
    ... record DIR --only 'public/th/*,admin/index'        # a subset (fnmatch patterns on keys)

Each run builds its own throwaway SQLite database in a temporary folder (DATABASE_URL and
MEDIA_ROOT are overridden; whatever database the environment names is never touched), with
the test settings (DJANGO_SETTINGS_MODULE if set, else `config.settings.test` or
`config.settings.test`, whichever exists). The data set is fixed: the real content
(`load_content`) plus generated objects covering every page type with and without content:
a city, project, people and stories with photos and tags, an empty city, project, person and
tag, a draft, a scheduled and an in-review story for the staff and portal views.

Pages are requested through Django's test client: every public page in Thai and in English
(anonymous, and a few as staff), 404s, the feeds, robots.txt, the sitemap index and each of its
sections, the API's JSON and CSV lists and schema, the admin index and each registered model's
changelist, add and change pages (as a superuser), and the portal and account pages (as a
researcher). Each page is a key (`public/en/story`, `admin/stories.Story/change`) whose
address is derived from the data, so a URL rename shows as a diff, not a lost page. Each page
is requested twice and the second answer kept, after emptying the cache before each, so the
query count is the steady state of a warm process with an empty shared cache (the figure
tests/test_query_budgets.py measures) and does not depend on the order of pages.

What is fixed or normalised so that two runs on the same code give identical bytes:
- The clock: `django.utils.timezone.now` returns 2026-01-15 10:00 Bangkok time during the
  whole run (publication dates, "scheduled", timestamps, last logins).
- Upload names: `uuid.uuid4` is a counter during the run (images are stored under a random
  name), and `random` is seeded.
- Date fields whose default is `timezone.now` itself (bound before the clock is fixed:
  users' date joined, workflow transitions) are set to the fixed time after the build.
- Passwords are hashed with a fixed salt (the admin's user page shows the salt's start).
- CSRF tokens (a new masked token in every form) are replaced by `CSRF` in the saved body.
- Static URLs need nothing: the test settings use plain StaticFilesStorage (no content
  hash in the names), the page cache and Last-Modified are off, and there is no CSP nonce.
- Primary keys are deterministic because the database is new and filled in a fixed order.
Cost: the full corpus is about 160 pages (2.6 MB) and one run takes ~15 s of CPU (45 s wall on
a busy two-core machine), a third of it migrating and loading the seed.
Pages not in the corpus: anything behind a signed, time-stamped token (review links,
password-reset confirmations) and POST results.
"""

import argparse
import contextlib
import datetime
import difflib
import fnmatch
import hashlib
import importlib.util
import io
import itertools
import json
import logging
import os
import random
import re
import sys
import tempfile
import uuid
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BANGKOK = datetime.timezone(datetime.timedelta(hours=7))
FIXED_NOW = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=BANGKOK).astimezone(datetime.UTC)
PASSWORD = "corpus password not secret"
NORMALISE = [
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")'), rb"\1CSRF\2"),
    (re.compile(rb'("csrfToken"\s*:\s*")[^"]*(")'), rb"\1CSRF\2"),
]
DIFF_LINES = 30


def _settings_module():
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        return os.environ["DJANGO_SETTINGS_MODULE"]
    for candidate in ("config.settings.test", "config.settings.test"):
        with contextlib.suppress(ModuleNotFoundError):
            if importlib.util.find_spec(candidate):
                return candidate
    raise SystemExit("No test settings module found: set DJANGO_SETTINGS_MODULE.")


@contextlib.contextmanager
def fixed_world():
    """The clock, upload names and randomness held still for the whole run."""
    counter = itertools.count(1)
    random.seed(0)
    with (
        mock.patch("django.utils.timezone.now", lambda: FIXED_NOW),
        mock.patch("uuid.uuid4", lambda: uuid.UUID(int=next(counter))),
    ):
        yield


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = _settings_module()
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'corpus.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_LOG_LEVEL"] = "CRITICAL"
    os.environ["DJANGO_STATIC_ROOT"] = str(workdir / "static")
    (workdir / "static").mkdir()
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"
    settings.DATABASES.pop("replica", None)


def _jpeg(size=(800, 500)):
    from PIL import Image

    image = Image.merge("RGB", [Image.linear_gradient("L").resize(size)] * 3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, _jpeg(), content_type="image/jpeg")


def build_data():
    """The fixed data set; returns the objects the page list addresses."""
    import factory
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from tests import factories as f

    for value in vars(f).values():
        if isinstance(value, type) and issubclass(value, factory.Factory):
            value.reset_sequence(0, force=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", stdout=io.StringIO())

    hashed = make_password(PASSWORD, salt="corpussalt")
    admin = f.UserFactory(username="corpus-admin", is_staff=True, is_superuser=True)
    researcher = f.ResearcherFactory(username="corpus-researcher")
    for user in (admin, researcher):
        user.password = hashed
        user.last_login = FIXED_NOW
        user.save()

    city = f.CityFactory(slug="corpus-city", name_th="เมืองคลังหน้า", name_en="Corpus City")
    empty_city = f.CityFactory(slug="corpus-empty-city")
    hidden_city = f.CityFactory(slug="corpus-hidden-city", is_published=False)
    membership = f.ProgrammeMembershipFactory(city=city)
    lead = f.PersonFactory(slug="corpus-lead", city=city, photo=_upload("lead.jpg"))
    lonely = f.PersonFactory(slug="corpus-person-without-content", photo="")
    project = f.ResearchProjectFactory(
        slug="corpus-project",
        city=city,
        programme=membership.programme,
        lead=lead,
        tags=["เมืองแห่งการเรียนรู้", "corpus"],
    )
    f.ProjectMemberFactory(project=project, person=lead)
    f.SubProjectFactory(project=project, lead=lead)
    f.MilestoneFactory(project=project)
    empty_project = f.ResearchProjectFactory(
        slug="corpus-empty-project", city=empty_city, summary_th="", summary_en=""
    )
    tagged_project = f.ResearchProjectFactory(
        slug="corpus-project-only-tag", city=city, tags=["project-only"]
    )
    day = datetime.timedelta(days=1)
    photo_story = f.StoryFactory(
        slug="corpus-story-with-photo",
        city=city,
        hero_image=_upload("hero.jpg"),
        hero_image_alt_th="ภาพถนน",
        hero_image_alt_en="A street",
        tags=["เมืองแห่งการเรียนรู้"],
        projects=[project],
        published_at=FIXED_NOW - day,
        is_featured=True,
    )
    f.StoryPersonFactory(story=photo_story, person=lead)
    plain_story = f.StoryFactory(
        slug="corpus-story-without-photo",
        city=city,
        body_en="",
        excerpt_en="",
        title_en="",
        published_at=FIXED_NOW - 2 * day,
    )
    for n in range(25):  # enough for a second page of every list
        f.StoryFactory(
            slug=f"corpus-list-story-{n}", city=city, published_at=FIXED_NOW - (3 + n) * day
        )
    draft = f.StoryFactory(slug="corpus-draft", city=city, draft=True, author=researcher)
    scheduled = f.StoryFactory(slug="corpus-scheduled", city=city, published_at=FIXED_NOW + day)
    f.StoryFactory(slug="corpus-hidden-city-story", city=hidden_city, published_at=FIXED_NOW - day)
    _stamp_default_now_fields()
    from stories.models import Story

    seed_story = Story.objects.published().exclude(slug__startswith="corpus").first()
    seed_city = seed_story.city
    return {
        "city": city,
        "empty_city": empty_city,
        "hidden_city": hidden_city,
        "lead": lead,
        "lonely": lonely,
        "project": project,
        "empty_project": empty_project,
        "photo_story": photo_story,
        "plain_story": plain_story,
        "draft": draft,
        "scheduled": scheduled,
        "seed_story": seed_story,
        "seed_city": seed_city,
        "tag": photo_story.tags.get(),
        "project_tag": tagged_project.tags.get(),
        "admin": admin,
        "researcher": researcher,
    }


def _stamp_default_now_fields():
    """Rows whose date field defaults to `timezone.now` itself (bound when the model class was
    made, so the fixed clock cannot reach it) are set to the fixed time."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        stamped = {
            field.name: FIXED_NOW
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateTimeField)
            and getattr(field.default, "__name__", "") == "now"
        }
        if stamped:
            model._base_manager.update(**stamped)


def page_list(data):
    """[(key, url, who)] of every page in the corpus; who is anonymous, staff or researcher."""
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    public = {
        "home": "/",
        "city-list": "/cities/",
        "city-map": "/cities/map.json",
        "city": f"/cities/{data['city'].slug}/",
        "city-seed": f"/cities/{data['seed_city'].slug}/",
        "city-empty": f"/cities/{data['empty_city'].slug}/",
        "city-unpublished": f"/cities/{data['hidden_city'].slug}/",
        "project": f"/projects/{data['project'].slug}/",
        "project-empty": f"/projects/{data['empty_project'].slug}/",
        "person": f"/people/{data['lead'].slug}/",
        "person-empty": f"/people/{data['lonely'].slug}/",
        "story-list": "/stories/",
        "story-list-page-2": "/stories/?page=2",
        "story-list-filtered": f"/stories/?city={data['city'].slug}&kind=article",
        "story-list-past-end": "/stories/?page=999",
        "story": f"/stories/{data['photo_story'].slug}/",
        "story-without-photo": f"/stories/{data['plain_story'].slug}/",
        "story-seed": f"/stories/{data['seed_story'].slug}/",
        "story-draft": f"/stories/{data['draft'].slug}/",
        "story-scheduled": f"/stories/{data['scheduled'].slug}/",
        "story-missing": "/stories/no-such-story/",
        "tag": f"/tags/{data['tag'].slug}/",
        "tag-projects": f"/tags/{data['tag'].slug}/projects/",
        "tag-without-stories": f"/tags/{data['project_tag'].slug}/",
        "search-empty": "/search/",
        "search": "/search/?q=เมือง",
        "search-english": "/search/?q=story",
        "search-no-results": "/search/?q=zzzzqqq",
        "privacy": "/privacy/",
        "feed-rss": "/stories/feed/rss/",
        "feed-atom": "/stories/feed/atom/",
        "city-feed-rss": f"/cities/{data['city'].slug}/feed/rss/",
        "city-feed-atom": f"/cities/{data['city'].slug}/feed/atom/",
        "tag-feed-rss": f"/tags/{data['tag'].slug}/feed/rss/",
        "tag-feed-atom": f"/tags/{data['tag'].slug}/feed/atom/",
        "portal-login": "/portal/login/",
        "portal-password-reset": "/portal/password/reset/",
        "portal-password-reset-sent": "/portal/password/reset/sent/",
    }
    pages = []
    for language, prefix in (("th", ""), ("en", "/en")):
        for name, url in public.items():
            pages.append((f"public/{language}/{name}", prefix + url, "anonymous"))
        for name in ("home", "story", "story-draft", "story-scheduled", "city-unpublished"):
            pages.append((f"staff/{language}/{name}", prefix + public[name], "staff"))
        portal = {
            "dashboard": "/portal/",
            "story-create": "/portal/stories/new/",
            "story": f"/portal/stories/{data['draft'].pk}/",
            "story-edit": f"/portal/stories/{data['draft'].pk}/edit/",
            "story-preview": f"/portal/stories/{data['draft'].pk}/preview/",
            "account-privacy": "/account/privacy/",
        }
        for name, url in portal.items():
            pages.append((f"portal/{language}/{name}", prefix + url, "researcher"))
    for name, url in {
        "robots": "/robots.txt",
        "sitemap-index": "/sitemap.xml",
        "api-schema": "/api/schema/",
    }.items():
        pages.append((f"site/{name}", url, "anonymous"))
    for name in ("programmes", "cities", "projects", "subprojects", "people", "stories"):
        pages.append((f"api/{name}", f"/api/{name}/", "anonymous"))
        pages.append((f"api/{name}-csv", f"/api/{name}.csv", "anonymous"))
    pages.append(("admin/index", "/admin/", "staff"))
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        label, opts = model._meta.label, model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        with contextlib.suppress(NoReverseMatch):
            pages.append((f"admin/{label}/changelist", reverse(f"{prefix}_changelist"), "staff"))
        with contextlib.suppress(NoReverseMatch):
            pages.append((f"admin/{label}/add", reverse(f"{prefix}_add"), "staff"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            with contextlib.suppress(NoReverseMatch):
                url = reverse(f"{prefix}_change", args=[first.pk])
                pages.append((f"admin/{label}/change", url, "staff"))
    for name, obj in (
        ("story-with-photo", data["photo_story"]),
        ("person-with-photo", data["lead"]),
    ):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        pages.append((f"admin/{opts.label}/change-{name}", url, "staff"))
    return pages


def sitemap_sections(client):
    """The sitemap index's sections, as pages (read from the index, so new sections count)."""
    body = client.get("/sitemap.xml").content.decode()
    pages = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", body):
        path = re.sub(r"^https?://[^/]+", "", loc)
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
        pages.append((f"site/{name}", path, "anonymous"))
    return pages


def render(only=None):
    """{key: {"url", "who", "status", "queries", "body"}} of the corpus (or of the keys matching
    the comma-separated fnmatch patterns in `only`)."""
    with tempfile.TemporaryDirectory(prefix="page-corpus-") as folder:
        workdir = Path(folder)
        setup_django(workdir)
        with fixed_world():
            return _render(only)


def _render(only):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    logging.disable(logging.CRITICAL)  # a 403 or 404 is a page of the corpus, not news
    data = build_data()
    clients = {
        who: Client(raise_request_exception=False) for who in ("anonymous", "staff", "researcher")
    }
    clients["staff"].force_login(data["admin"])
    clients["researcher"].force_login(data["researcher"])
    pages = page_list(data) + sitemap_sections(clients["anonymous"])
    patterns = only.split(",") if only else ["*"]
    results = {}
    for key, url, who in pages:
        if not any(fnmatch.fnmatchcase(key, pattern) for pattern in patterns):
            continue
        client = clients[who]
        cache.clear()
        client.get(url)  # warms this process's own caches (content types, templates)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        for pattern, replacement in NORMALISE:
            body = pattern.sub(replacement, body)
        results[key] = {
            "url": url,
            "who": who,
            "status": response.status_code,
            "content_type": response.get("Content-Type", ""),
            "queries": len(queries),
            "body": body,
        }
    return results


def _filename(key):
    return re.sub(r"[^A-Za-z0-9._-]+", "__", key) + ".txt"


def record(folder, only=None):
    folder = Path(folder)
    pages_dir = folder / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for old in pages_dir.glob("*.txt"):
        old.unlink()
    index = {}
    for key, page in render(only).items():
        name = _filename(key)
        (pages_dir / name).write_bytes(page["body"])
        index[key] = {k: v for k, v in page.items() if k != "body"}
        index[key]["file"] = f"pages/{name}"
        index[key]["sha256"] = hashlib.sha256(page["body"]).hexdigest()
    (folder / "index.json").write_text(
        json.dumps({"only": only, "pages": index}, indent=1, ensure_ascii=False, sort_keys=True)
        + "\n",
        encoding="utf-8",
    )
    print(f"recorded {len(index)} pages in {folder}")
    return 0


def compare(folder, out=sys.stdout):
    folder = Path(folder)
    recorded = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    before = recorded["pages"]
    now = render(recorded["only"])
    problems = 0
    for key in sorted(set(before) | set(now)):
        if key not in now:
            print(f"MISSING {key} ({before[key]['url']})", file=out)
            problems += 1
            continue
        if key not in before:
            print(f"NEW {key} ({now[key]['url']})", file=out)
            problems += 1
            continue
        old, new = before[key], now[key]
        for field in ("url", "status", "content_type", "queries"):
            if old[field] != new[field]:
                print(f"CHANGED {key} {field}: {old[field]} -> {new[field]}", file=out)
                problems += 1
        old_body = (folder / old["file"]).read_bytes()
        if old_body != new["body"]:
            problems += 1
            print(f"DIFFERS {key} ({new['url']})", file=out)
            diff = difflib.unified_diff(
                old_body.decode("utf-8", "replace").splitlines(),
                new["body"].decode("utf-8", "replace").splitlines(),
                f"recorded/{key}",
                f"now/{key}",
                n=1,
                lineterm="",
            )
            for line in itertools.islice(diff, DIFF_LINES):
                print("    " + line[:200], file=out)
    print(
        f"{len(now)} pages compared, {problems} difference(s)" if problems else
        f"{len(now)} pages identical, query counts unchanged",
        file=out,
    )  # fmt: skip
    return 1 if problems else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["record", "compare"])
    parser.add_argument("folder")
    parser.add_argument(
        "--only", help="record: comma-separated fnmatch patterns of page keys (default: all)"
    )
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args.folder, args.only)
    return compare(args.folder)


if __name__ == "__main__":
    sys.exit(main())
