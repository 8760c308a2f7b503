"""Real-browser tests: Playwright for Python driving Debian's Chromium.

Playwright's own browser download does not work here, so the tests launch the system
Chromium (`apt-get install chromium`; WECITIZENS_CHROMIUM overrides the path). Where it is
missing the tests are skipped, and CI fails on any skip.
"""

import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# ORM calls made by the test itself (arranging data) as if they were async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WECITIZENS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(chromium, viewport, locale):
    context = chromium.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    return context, page


@pytest.fixture
def phone_page(chromium):
    context, page = _new_page(chromium, PHONE, "th-TH")
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium):
    context, page = _new_page(chromium, DESKTOP, "th-TH")
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot where CI keeps it: test-artifacts/screenshots/NAME.png."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def about_page_from_migration(transactional_db):
    """The About page as `migrate` writes it; these tests flush the tables after each test."""
    from django.apps import apps

    migration = import_module("about.migrations.0002_fill_about_page_from_seed")
    migration.fill_about_page(apps, None)


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    """The development server of pytest-django with the real WeCitizens content loaded."""
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    return live_server


# --- Every public page type, axe-core and the Nu HTML Checker ---
BROWSER_TOOLS = Path(
    os.environ.get(
        "WECITIZENS_BROWSER_TOOLS", Path(__file__).resolve().parents[2] / ".browser-tools"
    )
)
AXE_JS = BROWSER_TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = BROWSER_TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SEARCH_URL_NAMES = ("search", "search:search", "stories:search")


def _required_tool(path):
    if not path.exists():
        pytest.skip(f"{path} is missing: run 'make browser-tools' (CI fails on any skip)")
    return path


@pytest.fixture(scope="session")
def axe_js():
    return _required_tool(AXE_JS)


@pytest.fixture(scope="session")
def vnu_jar():
    if not shutil.which("java"):
        pytest.skip("Java is missing (apt-get install default-jre-headless)")
    return _required_tool(VNU_JAR)


@pytest.fixture
def public_pages(seeded_live_server, media_root):
    """{page type: path} for every public page type, on the real content plus one story with a
    photo, tags and people, and a person with a portrait, as a phone reader would meet them."""
    from django.core.files.base import ContentFile
    from django.urls import NoReverseMatch, reverse

    from projects.models import Person, ResearchProject
    from stories.models import Story, StoryQuote
    from tests.conftest import photo_bytes

    story = Story.objects.published().order_by("pk").first()
    story.hero_image_alt_th = "ชาวบ้านยืนคุยกันหน้าหอโหวด"
    story.hero_image_alt_en = "Residents talking in front of the Ho Wot tower"
    story.hero_image_caption_th = "หน้าหอโหวด ร้อยเอ็ด"
    story.hero_image.save("ho-wot.jpg", ContentFile(photo_bytes()), save=False)
    story.save()
    story.tags.add("เมืองแห่งการเรียนรู้")
    for other in Story.objects.published().exclude(pk=story.pk)[:2]:
        other.hero_image_alt_th = "ภาพประกอบเรื่อง"
        other.hero_image.save("story.jpg", ContentFile(photo_bytes((1200, 800))), save=False)
        other.save()
        other.tags.add("เมืองแห่งการเรียนรู้")
    person = Person.objects.published().order_by("pk").first()
    person.photo_alt_th = "ภาพบุคคล"
    person.photo.save("portrait.jpg", ContentFile(photo_bytes((800, 1000))), save=True)
    quote = StoryQuote.objects.create(
        story=story,
        text_th="ผู้ใหญ่บ้านบอกว่า น้ำใจของคนในชุมชนคือกิ่งก้านของเมือง",
        text_en="The village head says goodwill is what the city grows from.",
        speaker_name_th="ผู้ใหญ่บ้าน",
        speaker_name_en="The village head",
    )
    pages = {
        "home": "/",
        "city-list": "/cities/",
        "city": story.city.get_absolute_url(),
        "project": ResearchProject.objects.published().first().get_absolute_url(),
        "project-list": "/projects/",
        "city-without-stories": "/cities/chiang-mai/",
        "person": person.get_absolute_url(),
        "person-projects": person.get_absolute_url() + "projects/",
        "story-list": "/stories/",
        "story-list-by-person": f"/stories/?person={person.slug}",
        "story": story.get_absolute_url(),
        "story-quote": quote.get_absolute_url(),
        "tag": story.tags.get(name="เมืองแห่งการเรียนรู้").get_absolute_url(),
        "404": "/no-such-page/",
        "login": "/admin/login/",
    }
    for name in SEARCH_URL_NAMES:
        try:
            pages["search"] = reverse(name) + "?q=" + "เมือง"
            break
        except NoReverseMatch:
            continue
    return pages


def localized(path, language):
    """The page in `language`: English pages live under /en/ (the admin follows the browser)."""
    if language == "th" or path.startswith("/admin/"):
        return path
    return "/en" + path
