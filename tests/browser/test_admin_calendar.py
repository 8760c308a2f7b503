"""The admin's calendar on a Thai screen shows and writes Buddhist Era years, as the date field
reads them (static/js/admin-era-calendar.js); on an English screen the Common Era."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from tests.english_words import latin_words
from tests.factories import PASSWORD, ProgrammeStaffFactory, ResearcherFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _open_calendar(page, input_id):
    link = page.locator(f"#{input_id} ~ .datetimeshortcuts a[id^=calendarlink]")
    number = link.get_attribute("id").removeprefix("calendarlink")
    link.click()
    return page.locator(f"#calendarbox{number}")


def _signed_in_page(chromium, live_server, language):
    context = chromium.new_context(locale="th-TH" if language == "th" else "en-GB")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    staff = ProgrammeStaffFactory()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    return context, page


@pytest.fixture
def member(db):
    member = ResearcherFactory()
    member.date_joined = timezone.make_aware(datetime.datetime(2026, 1, 15, 9, 30))
    member.save()
    return member


def test_the_calendar_shows_and_inserts_buddhist_era_years_on_a_thai_screen(
    live_server, chromium, member
):
    context, page = _signed_in_page(chromium, live_server, "th")
    page.goto(f"{live_server.url}/admin/auth/user/{member.pk}/change/")
    date_input = page.locator("#id_date_joined_0")
    assert date_input.input_value() == "15/01/2569"

    calendar = _open_calendar(page, "id_date_joined_0")
    assert calendar.locator("caption").text_content() == "มกราคม 2569"
    assert (
        latin_words([calendar.inner_text(), page.locator(".clockbox").first.text_content()]) == []
    )
    page.screenshot(path=str(_artifact("admin-calendar-thai.png")))
    calendar.locator("td a", has_text=re.compile(r"^20$")).click()
    assert date_input.input_value() == "20/01/2569"

    # A date typed in Thai digits opens the calendar on its month.
    date_input.fill("๑๕/๐๒/๒๕๖๙")
    calendar = _open_calendar(page, "id_date_joined_0")
    assert calendar.locator("caption").text_content() == "กุมภาพันธ์ 2569"
    calendar.locator(".calendar-shortcuts a", has_text="วันนี้").click()
    today = timezone.localdate()
    assert date_input.input_value() == today.strftime(f"%d/%m/{today.year + 543}")

    _open_calendar(page, "id_date_joined_0").locator("td a", has_text=re.compile(r"^3$")).click()
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    context.close()
    member.refresh_from_db()
    assert timezone.localtime(member.date_joined).date() == today.replace(day=3)


def test_the_calendar_keeps_the_common_era_on_an_english_screen(live_server, chromium, member):
    context, page = _signed_in_page(chromium, live_server, "en")
    page.goto(f"{live_server.url}/admin/auth/user/{member.pk}/change/")
    calendar = _open_calendar(page, "id_date_joined_0")
    assert calendar.locator("caption").text_content() == "January 2026"
    calendar.locator("td a", has_text=re.compile(r"^20$")).click()
    assert "2026" in page.locator("#id_date_joined_0").input_value()
    context.close()


def _artifact(name):
    from tests.browser.test_thai_crawl import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
