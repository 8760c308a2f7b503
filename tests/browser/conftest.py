"""Real-browser tests: Playwright for Python driving Debian's Chromium.

Playwright's own browser download does not work here, so the tests launch the system
Chromium (`apt-get install chromium`; WECITIZENS_CHROMIUM overrides the path). Where it is
missing the tests are skipped, and CI fails on any skip.
"""

import os
import shutil
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
def seeded_live_server(live_server, transactional_db):
    """The development server of pytest-django with the real WeCitizens content loaded."""
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    return live_server
