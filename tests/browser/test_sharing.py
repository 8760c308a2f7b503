import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)

STORY = "/stories/ciap-behind-the-idea/"


def test_copy_link_button_copies_the_page_address(seeded_live_server, desktop_page, screenshot):
    desktop_page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=seeded_live_server.url
    )
    desktop_page.goto(seeded_live_server.url + STORY)

    button = desktop_page.get_by_role("button", name="คัดลอกลิงก์")
    button.click()

    # The clipboard answers asynchronously: wait for the status rather than read it at once.
    expect(desktop_page.locator("[data-copy-status]")).to_have_text("คัดลอกลิงก์แล้ว")
    copied = desktop_page.evaluate("navigator.clipboard.readText()")
    assert copied == seeded_live_server.url + STORY
    screenshot(desktop_page, "story-share-desktop-th")


def test_without_javascript_the_address_is_a_field_to_copy(seeded_live_server, chromium):
    context = chromium.new_context(viewport=DESKTOP, locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(seeded_live_server.url + "/en/cities/chiang-mai/")

        field = page.get_by_label("Link to this page")
        assert field.input_value() == seeded_live_server.url + "/en/cities/chiang-mai/"
        assert not page.get_by_role("button", name="Copy link").is_visible()
        assert page.get_by_role("link", name="Share on LINE").is_visible()
    finally:
        context.close()


# How far the service's name is laid out from the Thai words before it, in pixels.
GAP_BEFORE_NAME = """
(link) => {
  const words = link.querySelector(".th-words");
  const name = [...link.querySelectorAll("*"), link]
    .flatMap((element) => [...element.childNodes])
    .find((node) => node.nodeType === Node.TEXT_NODE && /[A-Za-z]/.test(node.data));
  const range = document.createRange();
  const start = name.data.search(/[A-Za-z]/);
  range.setStart(name, start);
  range.setEnd(name, start + 1);
  return range.getBoundingClientRect().left - words.getBoundingClientRect().right;
}
"""


def test_thai_share_buttons_keep_the_space_before_the_service_name(
    settings, seeded_live_server, phone_page
):
    # As served: the Thai words are marked, a span of their own before the service's name.
    settings.WECITIZENS_THAI_WORD_BREAKS = True
    phone_page.goto(seeded_live_server.url + STORY)

    for name in ("แชร์ทาง LINE", "แชร์ทาง Facebook"):
        link = phone_page.get_by_role("link", name=name)
        # A space of the 16 px font is about 4 px wide; no space at all is 0.
        assert link.evaluate(GAP_BEFORE_NAME) > 2
