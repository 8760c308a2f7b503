"""A dropped phone connection loses nothing: the draft form keeps a copy in the browser until
the server has it."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from stories.models import Story
from tests.factories import PASSWORD, ResearcherFactory

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "wecitizens:autosave:story-new"


def log_in(page, base, user):
    page.goto(base + "/portal/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()


def test_typing_survives_a_dropped_connection_and_is_cleared_once_saved(
    live_server, phone_page, screenshot
):
    log_in(phone_page, live_server.url, ResearcherFactory())
    phone_page.goto(live_server.url + "/portal/stories/new/")
    phone_page.fill("input[name=title_th]", "เรื่องที่พิมพ์ตอนสัญญาณหาย")
    phone_page.fill("textarea[name=excerpt_th]", "บทคัดย่อ")
    phone_page.wait_for_function(f"() => localStorage.getItem('{KEY}') !== null")

    phone_page.context.set_offline(True)
    phone_page.click("button[name=save]", no_wait_after=True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        phone_page.wait_for_url("**/edit/", timeout=3000)
    phone_page.context.set_offline(False)
    assert not Story.objects.exists()

    phone_page.goto(live_server.url + "/portal/stories/new/")
    assert phone_page.input_value("input[name=title_th]") == "เรื่องที่พิมพ์ตอนสัญญาณหาย"
    assert phone_page.locator("[data-autosave-notice]").is_visible()
    screenshot(phone_page, "portal-autosave-restored-phone-th")

    phone_page.click("button[name=save]")
    phone_page.wait_for_url("**/edit/")
    assert Story.objects.get().title_th == "เรื่องที่พิมพ์ตอนสัญญาณหาย"
    assert phone_page.evaluate(f"localStorage.getItem('{KEY}')") is None
