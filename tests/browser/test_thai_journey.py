"""The whole journey of a story, in Thai, in Chromium: programme staff invite a researcher, who
sets a password, writes a draft with a picture in its text and submits it; staff ask for changes
from the story's page; the researcher revises and resubmits; staff make and copy a review link;
the interviewee approves; staff record consent and schedule the story in the Buddhist Era; it
appears on the public site on time, with the page cache on, as in production; staff edit it,
then restore the earlier version, and the public page shows the restored text.

A numbered screenshot of each step goes to test-artifacts/journey/; the clicks each staff task
took are printed as a table (pytest -s) and kept in test-artifacts/journey/clicks.txt."""

import datetime
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from core.dates import buddhist_era
from stories.models import (
    Consent,
    ReviewDecision,
    Story,
    StoryImage,
    StoryPerson,
    StoryStatus,
)
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import (
    ClickCount,
    console_problems,
    log_in,
    review_link_opened_by,
    set_password_from_invitation,
)
from tests.core.test_image_storage import jpeg_with_gps
from tests.factories import CityFactory, PersonFactory, ProgrammeStaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = ARTIFACTS / "journey"
NEW_PASSWORD = "ตลาดเช้า ริมน้ำ 2569"
TITLE = "ตลาดเช้าริมน้ำน่าน"
BODY = "ทุกเช้าวันเสาร์ ตลาดริมน้ำเต็มไปด้วยผู้คน"
NOTE_LINES = ("ช่วยเพิ่มชื่อตลาดในหัวเรื่อง", "และเล่าว่าตลาดเปิดกี่โมง")
REVISED_TITLE = "ตลาดเช้าท่าน้ำน่าน เมื่อคนรุ่นใหม่กลับบ้าน"
REVISED_BODY = "ตลาดเปิดตั้งแต่ตีห้าถึงเก้าโมงเช้า"
EDITED_TITLE = "ตลาดเช้าท่าน้ำน่าน (ฉบับแก้ของเจ้าหน้าที่)"
PICTURE_ALT = "แม่ค้าจัดผักในตลาดเช้า"
# Far enough ahead for the schedule to be typed and sent; near enough to wait for.
SCHEDULE_AHEAD = datetime.timedelta(seconds=25)


@pytest.fixture
def page_cache_on(settings):
    """Anonymous pages are cached whole, as in production: a scheduled story must still
    appear on time, and an edit or a restore at once."""
    settings.WECITIZENS_PAGE_CACHE = True


@pytest.fixture
def journey_screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    taken = []

    def take(page, name):
        path = SCREENSHOTS / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        taken.append(path)
        return path

    take.taken = taken
    return take


def new_context(chromium, live_server, **options):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, locale="th-TH", **options
    )
    return context, context.new_page()


def message_text(page):
    return page.locator(".messagelist, .messages").first.inner_text()


def on_dashboard(page, title):
    """The admin's home page, the story's link on its dashboard."""
    return page.locator(".staff-dashboard a", has_text=title).first


def typed_in_buddhist_era(moment):
    """A local date-time as a Thai screen expects it typed: 05/12/2569 09:30:15."""
    local = timezone.localtime(moment)
    return local.strftime(f"%d/%m/{buddhist_era(local.year)} %H:%M:%S")


def test_a_story_travels_the_whole_journey_in_thai(
    live_server, chromium, page_cache_on, journey_screenshot, media_root, tmp_path
):
    started = time.monotonic()
    base = live_server.url
    shot = journey_screenshot
    clicks = ClickCount()
    city = CityFactory(name_th="น่าน", name_en="Nan", slug="nan")
    interviewee = PersonFactory(city=city, name_th="ป้าศรี ทองดี", honorific_th="")
    PersonFactory(city=CityFactory(), name_th="ป้าศรี ต่างเมือง")
    staff_user = ProgrammeStaffFactory()

    staff_context, staff = new_context(chromium, live_server)
    staff_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    researcher_context, researcher = new_context(chromium, live_server)
    reader_context, reader = new_context(chromium, live_server)
    portal_problems = console_problems(researcher)
    public_problems = console_problems(reader)
    try:
        # 1. Staff invite a researcher, in Thai.
        log_in(staff, base, staff_user)
        with clicks.task("invite a researcher"):
            clicks.click(staff.locator("a[href='/admin/auth/user/add/']").first)
            staff.fill("input[name=username]", "somsri")
            staff.fill("input[name=email]", "somsri@example.org")
            staff.fill("input[name=first_name]", "สมศรี")
            expect(staff.locator("select[name=role]")).to_have_value("researcher")
            clicks.select(staff.locator("select[name=profile-0-language]"), value="th")
            clicks.click(staff.locator("input[name=_save]"))
            staff.wait_for_load_state()
        assert "ส่งคำเชิญให้ตั้งรหัสผ่านไปที่ somsri@example.org แล้ว" in message_text(staff)
        invited = get_user_model().objects.get(username="somsri")
        assert [group.name for group in invited.groups.all()] == ["Researchers"]
        assert not invited.is_staff and not invited.has_usable_password()
        shot(staff, "invite")

        # 2. The researcher opens the emailed link, sets a password and is signed in.
        (invitation,) = mail.outbox
        assert invitation.to == ["somsri@example.org"]
        assert re.search(r"[\u0e00-\u0e7f]", invitation.subject)
        set_password_from_invitation(researcher, base, invitation, NEW_PASSWORD)
        assert researcher.url == base + "/portal/"
        assert "บันทึกรหัสผ่านแล้ว และคุณเข้าสู่ระบบแล้ว" in researcher.content()
        invited.refresh_from_db()
        assert invited.check_password(NEW_PASSWORD)
        shot(researcher, "password-set")

        # 3. A draft: city first, a person found by typing, Thai title and body, saved.
        researcher.get_by_role("link", name="เขียนเรื่องใหม่").click()
        researcher.wait_for_selector("textarea[data-rich-text-ready]", state="attached")
        researcher.select_option("select[name=city]", label="น่าน")
        researcher.get_by_role("searchbox", name="บุคคลในเรื่อง").fill("ป้าศรี")
        offered = researcher.locator(".select2-results__option")
        offered.filter(has_text="ทองดี").wait_for()
        assert offered.filter(has_text="ต่างเมือง").count() == 0
        offered.filter(has_text="ทองดี").click()
        researcher.fill("input[name=title_th]", TITLE)
        researcher.fill("textarea[name=excerpt_th]", "แม่ค้ารุ่นใหม่กับตลาดเช้าที่กลับมามีชีวิต")
        body = researcher.locator(".bilingual__th .tiptap")
        body.click()
        body.type(BODY)
        researcher.click("button[name=save]")
        researcher.wait_for_url("**/edit/")
        story = Story.objects.get(title_th=TITLE)
        assert story.author == invited and story.city == city and story.status == StoryStatus.DRAFT
        assert list(story.people.all()) == [interviewee]
        assert "บันทึกร่างแล้ว" in message_text(researcher)

        # ... then a picture into the body, through the editor.
        researcher.wait_for_selector("textarea[data-rich-text-ready]", state="attached")
        picture = tmp_path / "ตลาดเช้า.jpg"
        picture.write_bytes(jpeg_with_gps(size=(640, 480)))
        body.click()
        researcher.keyboard.press("Control+End")
        researcher.set_input_files("#id_body_th-picture", str(picture))
        researcher.fill("#id_body_th-picture-alt", PICTURE_ALT)
        researcher.click("#id_body_th-picture ~ [data-body-image-insert]")
        researcher.locator(f".bilingual__th .tiptap img[alt='{PICTURE_ALT}']").wait_for()
        researcher.click("button[name=save]")
        researcher.wait_for_url("**/edit/")
        story.refresh_from_db()
        image = StoryImage.objects.get(story=story)
        assert f'<img src="{image.image.url}" alt="{PICTURE_ALT}"' in story.body_th
        assert BODY in story.body_th
        shot(researcher, "draft-with-picture")

        # 4. The researcher submits it.
        researcher.get_by_role("button", name="บันทึกและส่งให้พิจารณา").click()
        researcher.wait_for_load_state()
        story.refresh_from_db()
        assert story.status == StoryStatus.SUBMITTED
        assert "ส่งเรื่องของคุณให้เจ้าหน้าที่พิจารณาแล้ว" in message_text(researcher)
        shot(researcher, "submitted")

        # 5. Staff ask for changes on the story's page, with a note of two lines.
        with clicks.task("request changes"):
            staff.goto(base + "/admin/")
            clicks.click(on_dashboard(staff, TITLE))
            note = staff.locator("textarea#id_request_changes_note")
            clicks.click(note)
            note.type(NOTE_LINES[0])
            note.press("Enter")
            note.type(NOTE_LINES[1])
            clicks.click(staff.get_by_role("button", name="ขอให้แก้ไข"))
            staff.wait_for_load_state()
        story.refresh_from_db()
        assert story.status == StoryStatus.CHANGES_REQUESTED
        assert story.transitions.order_by("pk").last().note == "\n".join(NOTE_LINES)
        assert "\n".join(NOTE_LINES) in staff.locator("#workflow-history").inner_text()
        shot(staff, "changes-requested")

        # 6. The researcher reads the note, revises and resubmits.
        researcher.goto(base + "/portal/")
        row = researcher.locator(".story-row", has_text=TITLE)
        assert "\n".join(NOTE_LINES) in row.locator(".story-row__note").inner_text()
        shot(researcher, "note-for-the-researcher")
        row.get_by_role("link", name=TITLE).click()
        researcher.get_by_role("link", name="แก้ไข", exact=True).click()
        researcher.wait_for_selector("textarea[data-rich-text-ready]", state="attached")
        assert NOTE_LINES[1] in researcher.locator(".staff-note").inner_text()
        researcher.fill("input[name=title_th]", REVISED_TITLE)
        body.click()
        researcher.keyboard.press("Control+End")
        researcher.keyboard.press("Enter")
        researcher.keyboard.type(REVISED_BODY)
        researcher.get_by_role("button", name="บันทึกและส่งให้พิจารณา").click()
        researcher.wait_for_load_state()
        story.refresh_from_db()
        assert story.status == StoryStatus.SUBMITTED
        assert story.title_th == REVISED_TITLE
        assert REVISED_BODY in story.body_th and f'alt="{PICTURE_ALT}"' in story.body_th
        shot(researcher, "revised-and-resubmitted")

        # 7. Staff make a review link on the story's page; one click copies it.
        with clicks.task("make a review link"):
            staff.goto(base + "/admin/")
            clicks.click(on_dashboard(staff, REVISED_TITLE))
            clicks.click(staff.get_by_role("button", name="สร้างลิงก์สำหรับตรวจทานและคัดลอก"))
            expect(staff.locator("button.copy-button")).to_have_text("คัดลอกแล้ว")
        review_link = story.review_links.get()
        copied = staff.evaluate("navigator.clipboard.readText()")
        assert review_link_opened_by(copied) == review_link
        shot(staff, "review-link")

        # 8. The interviewee opens it, without an account, and approves.
        reader.goto(copied)
        assert reader.locator("h1").inner_text() == REVISED_TITLE
        assert REVISED_BODY in reader.locator("main").inner_text()
        reader.get_by_label("เห็นชอบ").check()
        reader.fill("input[name=name]", "ป้าศรี ทองดี")
        reader.get_by_role("button", name="ส่งคำตอบ").click()
        reader.wait_for_load_state()
        answer = story.review_answers.get()
        assert (answer.decision, answer.name) == (ReviewDecision.APPROVE, "ป้าศรี ทองดี")
        assert "ขอบคุณสำหรับคำตอบ ป้าศรี ทองดี" in reader.locator(".review-answer").inner_text()
        shot(reader, "interviewee-approves")

        # 9. Staff record the consent, then schedule it, typing a Buddhist Era date-time.
        with clicks.task("schedule (consent recorded first)"):
            staff.goto(base + "/admin/")
            clicks.click(on_dashboard(staff, REVISED_TITLE))
            expect(staff.locator("body")).to_contain_text("เห็นชอบ")
            consent = staff.locator("select#id_featured_people-0-consent")
            clicks.select(consent, value=Consent.GIVEN)
            clicks.click(staff.locator("input[name=_continue]"))
            staff.wait_for_load_state()
            assert StoryPerson.objects.get(story=story).consent == Consent.GIVEN
            at = (timezone.now() + SCHEDULE_AHEAD).replace(microsecond=0)
            # The box says how to type it: day/month/Buddhist Era year.
            example = staff.locator("form.workflow-action--schedule .workflow-help").inner_text()
            assert re.search(rf"\d\d/\d\d/{buddhist_era(timezone.localdate().year)}", example)
            when = staff.locator("#id_schedule_publish_at")
            clicks.click(when)
            when.fill(typed_in_buddhist_era(at))
            clicks.click(staff.get_by_role("button", name="ตั้งเวลาเผยแพร่", exact=True))
            staff.wait_for_load_state()
        story.refresh_from_db()
        assert story.status == StoryStatus.PUBLISHED and story.published_at == at
        assert "เรื่องนี้จะเผยแพร่ใน" in message_text(staff)
        assert str(buddhist_era(timezone.localtime(at).year)) in message_text(staff)
        shot(staff, "scheduled")

        # 10. It appears on the public site on time, with nothing run: a reader waits on its
        # address (in a tab of their own: its 404s until then are expected, not console errors).
        public_url = base + story.get_absolute_url()
        city_url = base + city.get_absolute_url()
        waiting = reader_context.new_page()
        assert waiting.goto(public_url).status == 404
        waiting.goto(city_url)
        assert waiting.get_by_role("link", name=REVISED_TITLE).count() == 0
        while timezone.now() < at:
            time.sleep(min(1.0, max(0.05, (at - timezone.now()).total_seconds())))
        appeared = None
        while appeared is None and timezone.now() < at + datetime.timedelta(seconds=10):
            if waiting.goto(public_url).status == 200:
                appeared = timezone.now()
            else:
                time.sleep(0.5)
        assert appeared is not None, "the scheduled story did not appear"
        assert at <= appeared < at + datetime.timedelta(seconds=5)
        reader.goto(public_url)
        assert reader.locator("h1").inner_text() == REVISED_TITLE
        main = reader.locator("main")
        assert REVISED_BODY in main.inner_text()
        reader.wait_for_function(
            f"() => {{ const img = document.querySelector(\"main img[alt='{PICTURE_ALT}']\");"
            " return img && img.complete && img.naturalWidth > 0; }"
        )
        shot(reader, "public-on-time")
        reader.goto(city_url)
        expect(reader.get_by_role("link", name=REVISED_TITLE)).to_have_count(1)

        # 11. Staff edit it: the public page follows at once.
        staff.goto(base + "/admin/")
        on_dashboard(staff, REVISED_TITLE).click()
        staff.fill("input[name=title_th]", EDITED_TITLE)
        staff.locator("input[name=_continue]").click()
        staff.wait_for_load_state()
        story.refresh_from_db()
        assert story.title_th == EDITED_TITLE
        reader.goto(public_url)
        assert reader.locator("h1").inner_text() == EDITED_TITLE
        shot(reader, "public-after-staff-edit")

        # 12. Staff restore the version before the edit; the public page shows it again.
        with clicks.task("restore an earlier version"):
            staff.goto(base + "/admin/")
            clicks.click(on_dashboard(staff, EDITED_TITLE))
            clicks.click(staff.get_by_role("link", name="ประวัติ", exact=True))
            versions = staff.locator("#change-history tbody tr th a")
            # Newest first: the edit, then the version it replaced.
            clicks.click(versions.nth(1))
            staff.wait_for_load_state()
            expect(staff.locator("input[name=title_th]")).to_have_value(REVISED_TITLE)
            shot(staff, "restore-form")
            clicks.click(staff.locator("input[name=_save]"))
            staff.wait_for_load_state()
        story.refresh_from_db()
        assert story.title_th == REVISED_TITLE
        assert story.status == StoryStatus.PUBLISHED and story.published_at == at
        staff.goto(f"{base}/admin/stories/story/{story.pk}/history/")
        assert "คืนเนื้อหาของฉบับที่บันทึกเมื่อ" in staff.locator("#change-history").inner_text()
        reader.goto(public_url)
        assert reader.locator("h1").inner_text() == REVISED_TITLE
        assert REVISED_BODY in reader.locator("main").inner_text()
        shot(reader, "public-after-restore")
    finally:
        for context in (staff_context, researcher_context, reader_context):
            context.close()

    assert portal_problems == []
    assert public_problems == []
    assert [path.name for path in shot.taken][:2] == ["01-invite.png", "02-password-set.png"]
    assert all(path.exists() for path in shot.taken)
    report = (
        f"{clicks.table()}\n\n"
        f"The scheduled story was public {(appeared - at).total_seconds():.1f} s after its time.\n"
    )
    (SCREENSHOTS / "clicks.txt").write_text(report, encoding="utf-8")
    print("\n" + report)
    assert time.monotonic() - started < 120
