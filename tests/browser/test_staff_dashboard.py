"""The staff dashboard in a real browser: readable on a phone and a desktop, in Thai, and a
figure clicked opens the list of what it counts."""

import datetime

import pytest
from django.utils import timezone

from stories import workflow
from stories.models import Consent, StoryStatus
from tests.factories import (
    PASSWORD,
    CityFactory,
    ProgrammeStaffFactory,
    StoryFactory,
    StoryPersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, base, user):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()


def newsroom(staff):
    now = timezone.now()
    city = CityFactory(name_th="ร้อยเอ็ด", name_en="")
    for title in ("ตลาดเช้าริมน้ำปิง", "โรงเรียนริมคลอง"):
        story = StoryFactory(title_th=title, city=city, draft=True)
        workflow.story_submit(story=story, by=staff)
    for days, title in ((1, "เทศกาลบุญผะเหวด"), (9, "หอโหวดยามค่ำ")):
        StoryFactory(title_th=title, city=city, published_at=now + datetime.timedelta(days=days))
    StoryPersonFactory(
        story=StoryFactory(title_th="เสียงจากชุมชน", status=StoryStatus.SUBMITTED, title_en=""),
        consent=Consent.UNKNOWN,
    )


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_staff_read_the_dashboard_and_open_a_figure(
    live_server, phone_page, desktop_page, screenshot, device
):
    page = phone_page if device == "phone" else desktop_page
    staff = ProgrammeStaffFactory(first_name="มาลี")
    newsroom(staff)

    log_in(page, live_server.url, staff)
    assert page.url == live_server.url + "/admin/"
    assert page.locator(".staff-dashboard h2").all_inner_texts()[:2] == [
        "เรื่องราว",
        "ความยินยอมของบุคคลในเรื่อง",
    ]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("#content-main .app-stories").is_visible()
    screenshot(page, f"admin-dashboard-{device}")

    page.locator(".dashboard-figures a", has_text="ตั้งเวลาเผยแพร่").click()
    page.wait_for_load_state()
    assert page.locator("#result_list tbody tr").count() == 2
