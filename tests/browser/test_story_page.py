"""The editorial workflow on the story's own admin page, in a real browser on a Thai screen:
from the story list, staff request changes with a note of several lines, then make a review
link and copy it; the story list keeps its columns in view on a laptop screen."""

import pytest
from playwright.sync_api import expect

from stories.models import Consent, Story, StoryStatus
from tests.browser.helpers import log_in, review_link_opened_by
from tests.factories import (
    PersonFactory,
    ProgrammeStaffFactory,
    StoryFactory,
    StoryPersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "ช่วยเพิ่มชื่อตลาดในหัวเรื่อง\nและใส่ปีที่สัมภาษณ์"


@pytest.fixture
def staff_page(chromium, live_server):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, locale="th-TH", base_url=live_server.url
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def test_staff_request_changes_and_copy_a_review_link_from_the_story_page(
    live_server, staff_page, screenshot
):
    base = live_server.url
    page = staff_page
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=None, title_th="ตลาดเช้าริมน้ำปิง")
    log_in(page, base, ProgrammeStaffFactory())
    clicks = 0

    # From the story list: the story's page, the note, the button.
    page.goto(base + "/admin/stories/story/?review=awaiting")
    page.get_by_role("link", name="ตลาดเช้าริมน้ำปิง").click()
    clicks += 1
    note = page.locator("textarea#id_request_changes_note")
    note.click()
    clicks += 1
    note.type("ช่วยเพิ่มชื่อตลาดในหัวเรื่อง")
    note.press("Enter")
    note.type("และใส่ปีที่สัมภาษณ์")
    page.get_by_role("button", name="ขอให้แก้ไข").click()
    clicks += 1
    page.wait_for_load_state()

    story.refresh_from_db()
    assert story.status == StoryStatus.CHANGES_REQUESTED
    assert story.transitions.get().note == NOTE
    assert clicks == 3
    assert "ส่งเรื่องกลับให้ผู้เขียนพร้อมบันทึกของคุณแล้ว" in page.locator(".messagelist").inner_text()
    timeline = page.locator("#workflow-history")
    assert "ช่วยเพิ่มชื่อตลาดในหัวเรื่อง\nและใส่ปีที่สัมภาษณ์" in timeline.inner_text()

    # A review link, from the story list again: the story's page, one click makes and copies it.
    clicks = 0
    page.goto(base + "/admin/stories/story/")
    page.get_by_role("link", name="ตลาดเช้าริมน้ำปิง").click()
    clicks += 1
    page.get_by_role("button", name="สร้างลิงก์สำหรับตรวจทานและคัดลอก").click()
    clicks += 1
    copy = page.locator("button.copy-button")
    expect(copy).to_have_text("คัดลอกแล้ว")
    link = story.review_links.get()
    copied = page.evaluate("navigator.clipboard.readText()")
    # A token carries the moment it was signed: the page's may differ, naming the same link.
    shown = page.locator(f"#review-link-{link.pk}").input_value()
    assert review_link_opened_by(copied) == review_link_opened_by(shown) == link
    assert clicks == 2
    screenshot(page, "admin-story-page-th")

    # Its own button copies it again.
    page.evaluate("navigator.clipboard.writeText('')")
    page.wait_for_timeout(4500)
    copy.click()
    expect(copy).to_have_text("คัดลอกแล้ว")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator(f"#review-link-{link.pk}").input_value()

    # The interviewee's page opens at the copied address.
    reader = page.context.new_page()
    reader.goto(copied)
    assert reader.locator("h1").inner_text() == "ตลาดเช้าริมน้ำปิง"


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_story_list_keeps_titles_readable_and_the_consent_column_in_view(
    live_server, chromium, screenshot, width
):
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="th-TH")
    page = context.new_page()
    try:
        long_title = "ตลาดเช้าริมน้ำปิง เมื่อคนรุ่นใหม่กลับบ้านมาเปิดร้านกาแฟในตึกแถวเก่า"
        story = StoryFactory(title_th=long_title)
        StoryPersonFactory(story=story, person=PersonFactory(), consent=Consent.UNKNOWN)
        StoryFactory.create_batch(3)
        log_in(page, live_server.url, ProgrammeStaffFactory())
        page.goto(live_server.url + "/admin/stories/story/")
        screenshot(page, f"admin-story-list-{width}-th")

        consent = page.locator("#result_list th.column-people_consent")
        box = consent.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
        title = page.locator("#result_list th.field-title", has_text=long_title)
        # A line holds several words: the column is at least 12rem (192 px) wide.
        assert title.bounding_box()["width"] >= 190
        assert Story.objects.count() == 4
    finally:
        context.close()


def test_a_researcher_makes_and_copies_a_review_link_on_a_phone(chromium, live_server, screenshot):
    from tests.factories import ResearcherFactory

    researcher = ResearcherFactory()
    story = StoryFactory(draft=True, author=researcher, title_th="ตลาดเช้าริมน้ำปิง")
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        log_in(page, live_server.url, researcher, "/portal/login/")
        page.goto(f"{live_server.url}/portal/stories/{story.pk}/")

        page.get_by_role("button", name="สร้างลิงก์สำหรับตรวจทานและคัดลอก").click()

        copy = page.locator("button.copy-button")
        expect(copy).to_have_text("คัดลอกแล้ว")
        link = story.review_links.get()
        assert review_link_opened_by(page.evaluate("navigator.clipboard.readText()")) == link
        screenshot(page, "portal-story-page-phone-th")
    finally:
        context.close()
