"""The site's identity in a real browser: the first screen on a phone, no failed requests
(the favicon), and the About page as readers see it."""

import pytest

from tests.browser.conftest import localized

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_HEIGHT = 844
# The first paragraph must show at least its first two lines (18 px text, line height 1.75).
TWO_LINES = 2 * 18 * 1.75

# The first paragraph of each page's text: a city may have only its research area so far, a
# project (no title or summary in the programme's own text) its facts.
FIRST_PARAGRAPH = {
    "story": "main .prose p",
    "city": "main .page-header p.lead, main .prose p",
    "project": "main .facts, main .prose p",
}


def _box(page, selector):
    return page.locator(selector).first.bounding_box(timeout=5000)


@pytest.mark.parametrize("page_type", sorted(FIRST_PARAGRAPH))
@pytest.mark.parametrize("language", ["th", "en"])
def test_a_detail_page_starts_on_the_first_phone_screen(
    public_pages, phone_page, seeded_live_server, page_type, language
):
    phone_page.goto(seeded_live_server.url + localized(public_pages[page_type], language))

    heading = _box(phone_page, "main h1")
    paragraph = _box(phone_page, FIRST_PARAGRAPH[page_type])
    assert heading["y"] + heading["height"] <= PHONE_HEIGHT
    assert paragraph["y"] + TWO_LINES <= PHONE_HEIGHT
    share = phone_page.locator(".share")
    if share.count():
        assert _box(phone_page, ".share")["y"] > paragraph["y"]


def test_pages_load_without_console_errors_or_a_missing_favicon(
    public_pages, phone_page, seeded_live_server
):
    errors, failed = [], []
    phone_page.on(
        "console",
        lambda message: message.type == "error" and errors.append((phone_page.url, message.text)),
    )
    phone_page.on(
        "response",
        lambda response: response.status >= 400 and failed.append(response.url),
    )
    for page_type in ("home", "story", "city"):
        phone_page.goto(seeded_live_server.url + public_pages[page_type])
        phone_page.wait_for_load_state("networkidle")
    favicon = phone_page.request.get(seeded_live_server.url + "/favicon.ico")

    assert errors == []
    assert failed == []
    assert favicon.status == 200
    assert favicon.headers["content-type"] == "image/x-icon"


def test_the_header_logo_is_a_link_home_named_for_screen_readers(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/en/about/")

    logo = phone_page.get_by_role("link", name="WeCitizens home page")
    assert logo.is_visible()
    assert logo.get_attribute("href") == "/en/"
    assert phone_page.evaluate("document.querySelector('.site-logo img').naturalWidth") > 0


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_about_page_on_a_phone(
    about_page_from_migration, seeded_live_server, phone_page, screenshot, language
):
    phone_page.goto(seeded_live_server.url + localized("/about/", language))

    heading = {"th": "เกี่ยวกับ WeCitizens", "en": "About WeCitizens"}[language]
    assert phone_page.get_by_role("heading", level=1, name=heading).is_visible()
    owner = {
        "th": "หน่วยบริหารและจัดการทุนด้านการพัฒนาระดับพื้นที่ (บพท.)",
        "en": "Program Management Unit on Area Based Development (PMUA)",
    }[language]
    assert phone_page.get_by_text(owner).first.is_visible()
    introduction = {"th": "เพจ WeCitizens", "en": "The WeCitizens page"}[language]
    assert phone_page.locator("main .prose.lead").get_by_text(introduction).is_visible()
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    screenshot(phone_page, f"about-{language}")
