"""The editorial workflow on the story's own admin page: a button per transition the user may
make now, each posting to its own view; the review links with their state; the history."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import workflow
from stories.models import Consent, ReviewAnswer, ReviewLink, StoryStatus
from tests.factories import (
    PersonFactory,
    ResearcherFactory,
    StaffUserFactory,
    StoryFactory,
    StoryPersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(client, programme_staff):
    client.force_login(programme_staff)
    return client


def change_url(story):
    return reverse("admin:stories_story_change", args=[story.pk])


def action_url(story, action):
    return reverse("admin:stories_story_workflow", args=[story.pk, action])


def post(client, url, data=None, language="th"):
    return client.post(url, data or {}, HTTP_ACCEPT_LANGUAGE=language)


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def buttons_on(client, story, language="th"):
    page = client.get(change_url(story), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.findall(r'/workflow/([a-z_]+)/"', page)


def submitted_story():
    return StoryFactory(status=StoryStatus.SUBMITTED, published_at=None)


# --- Which buttons ---------------------------------------------------------------------


def test_staff_see_the_transitions_a_submitted_story_allows(staff_admin):
    assert buttons_on(staff_admin, submitted_story()) == ["request_changes", "publish", "schedule"]


def test_staff_see_unpublish_schedule_and_archive_on_a_scheduled_story(staff_admin):
    story = StoryFactory(scheduled=True)

    assert buttons_on(staff_admin, story) == ["schedule", "unpublish", "archive"]


def test_a_public_story_offers_no_scheduling(staff_admin):
    assert buttons_on(staff_admin, StoryFactory()) == ["unpublish", "archive"]


def test_staff_without_the_publish_permission_see_only_submitting_their_own_draft(
    client, staff_user
):
    staff_user.user_permissions.add(Permission.objects.get(codename="change_story"))
    client.force_login(staff_user)

    assert buttons_on(client, StoryFactory(draft=True, author=staff_user)) == ["submit"]
    assert buttons_on(client, StoryFactory(draft=True)) == []


def test_the_request_changes_button_has_a_multi_line_note(staff_admin):
    page = staff_admin.get(change_url(submitted_story())).content.decode()

    assert re.search(r'<textarea name="note"[^>]*required[^>]*id="id_request_changes_note"', page)


def test_the_add_form_has_no_workflow_panel(staff_admin):
    page = staff_admin.get(reverse("admin:stories_story_add")).content.decode()

    assert "workflow-panel" not in page


# --- The action views ------------------------------------------------------------------


def test_request_changes_keeps_the_lines_of_the_note_and_says_so_in_thai(
    staff_admin, programme_staff
):
    story = submitted_story()

    response = post(
        staff_admin, action_url(story, "request_changes"), {"note": "ขอรูปเพิ่ม\nและแก้ชื่อร้าน"}
    )

    story.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == change_url(story)
    assert story.status == StoryStatus.CHANGES_REQUESTED
    step = story.transitions.get()
    assert (step.note, step.user) == ("ขอรูปเพิ่ม\nและแก้ชื่อร้าน", programme_staff)
    assert messages_of(response) == ["ส่งเรื่องกลับให้ผู้เขียนพร้อมบันทึกของคุณแล้ว"]


def test_publishing_says_so_in_thai(staff_admin):
    story = submitted_story()

    response = post(staff_admin, action_url(story, "publish"))

    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert messages_of(response) == ["เผยแพร่เรื่องนี้แล้ว"]


def test_publishing_is_refused_in_thai_while_a_featured_person_has_not_consented(staff_admin):
    story = submitted_story()
    StoryPersonFactory(story=story, person=PersonFactory(), consent=Consent.UNKNOWN)

    response = post(staff_admin, action_url(story, "publish"))

    story.refresh_from_db()
    assert response.status_code == 302
    assert story.status == StoryStatus.SUBMITTED
    [message] = messages_of(response)
    assert message.startswith("ยังเผยแพร่หรือตั้งเวลาเผยแพร่เรื่องนี้ไม่ได้")


def test_a_transition_the_status_does_not_allow_is_refused_with_the_reason(staff_admin):
    story = StoryFactory(draft=True)

    response = post(staff_admin, action_url(story, "unpublish"))

    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT
    [message] = messages_of(response)
    assert "ฉบับร่าง" in message


def test_scheduling_takes_a_buddhist_era_year_on_a_thai_screen(staff_admin):
    story = submitted_story()
    year = timezone.now().year + 1

    response = post(
        staff_admin, action_url(story, "schedule"), {"publish_at": f"31/01/{year + 543} 09:00"}
    )

    story.refresh_from_db()
    assert response.status_code == 302
    assert story.status == StoryStatus.PUBLISHED
    assert timezone.localtime(story.published_at).date() == datetime.date(year, 1, 31)
    assert messages_of(response) == [f"เรื่องนี้จะเผยแพร่ใน 31 มกราคม {year + 543}, 9:00"]


def test_typing_2569_on_a_thai_screen_schedules_2026(staff_admin, settings):
    story = submitted_story()
    moment = datetime.datetime(2026, 12, 31, 9, 0, tzinfo=timezone.get_current_timezone())
    if moment <= timezone.now():
        pytest.fail("This test needs a date in the future: move it on a year.")

    post(staff_admin, action_url(story, "schedule"), {"publish_at": "31/12/2569 09:00"})

    story.refresh_from_db()
    assert story.published_at == moment


@pytest.mark.parametrize(
    ("action", "data", "explanation"),
    [
        pytest.param(
            "request_changes",
            {"note": "  "},
            "บอกผู้เขียนว่าต้องแก้ไขอะไร",
            id="changes-requested-without-a-note",
        ),
        # The year to type instead, in the Buddhist Era.
        pytest.param(
            "schedule",
            {"publish_at": "31/12/2099 09:00"},
            "2642",
            id="a-common-era-year-on-a-thai-screen",
        ),
        pytest.param(
            "schedule",
            {"publish_at": "01/01/2560 09:00"},
            "เลือกวันเวลาในอนาคต",
            id="a-moment-in-the-past",
        ),
    ],
)
def test_a_refused_action_is_a_400_that_says_why_and_keeps_the_story_submitted(
    staff_admin, action, data, explanation
):
    story = submitted_story()

    response = post(staff_admin, action_url(story, action), data)

    story.refresh_from_db()
    assert response.status_code == 400
    assert story.status == StoryStatus.SUBMITTED
    assert explanation in response.content.decode()


def test_an_unreadable_date_is_a_400(staff_admin):
    response = post(staff_admin, action_url(submitted_story(), "schedule"), {"publish_at": "พรุ่งนี้"})

    assert response.status_code == 400


def test_get_on_an_action_is_405(staff_admin):
    response = staff_admin.get(action_url(submitted_story(), "publish"))

    assert response.status_code == 405


def test_an_unknown_action_is_404(staff_admin):
    assert post(staff_admin, action_url(submitted_story(), "delete")).status_code == 404


def test_an_unknown_story_is_404(staff_admin):
    url = reverse("admin:stories_story_workflow", args=[987654, "publish"])

    assert post(staff_admin, url).status_code == 404


def test_staff_without_the_publish_permission_may_not_publish(client, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="change_story"))
    client.force_login(staff_user)
    story = submitted_story()

    response = post(client, action_url(story, "publish"))

    story.refresh_from_db()
    assert response.status_code == 403
    assert story.status == StoryStatus.SUBMITTED


def test_staff_who_may_not_change_stories_may_not_act(client):
    client.force_login(StaffUserFactory())

    assert post(client, action_url(submitted_story(), "publish")).status_code == 403


def test_a_researcher_is_sent_to_the_admin_login(client):
    client.force_login(ResearcherFactory())

    response = post(client, action_url(submitted_story(), "publish"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_action_without_the_csrf_token_is_403(programme_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(programme_staff)
    story = submitted_story()

    response = client.post(action_url(story, "publish"))

    story.refresh_from_db()
    assert response.status_code == 403
    assert story.status == StoryStatus.SUBMITTED


# --- History ---------------------------------------------------------------------------


def test_the_history_says_who_did_what_when_with_the_note(staff_admin, programme_staff):
    story = submitted_story()
    programme_staff.first_name, programme_staff.last_name = "สมศรี", "ใจดี"
    programme_staff.save()
    post(staff_admin, action_url(story, "request_changes"), {"note": "บรรทัดแรก\nบรรทัดสอง"})
    story.transitions.update(created_at=datetime.datetime(2025, 3, 1, 3, 0, tzinfo=datetime.UTC))

    page = staff_admin.get(change_url(story), HTTP_ACCEPT_LANGUAGE="th").content.decode()

    history = page[page.index('id="workflow-history"') :]
    history = history[: history.index("</ol>")]
    assert "1 มีนาคม 2568, 10:00" in history
    assert "สมศรี ใจดี" in history
    assert "ส่งพิจารณาแล้ว → <strong>ขอให้แก้ไข</strong>" in history
    assert "บรรทัดแรก<br>บรรทัดสอง" in history


# --- Review links ----------------------------------------------------------------------


def link_url(story, name, *args):
    return reverse(f"admin:stories_story_review_link_{name}", args=[story.pk, *args])


def test_one_click_makes_a_review_link_shown_with_a_copy_button(staff_admin):
    story = submitted_story()

    response = post(staff_admin, link_url(story, "create"))

    link = story.review_links.get()
    assert response["Location"] == change_url(story) + "#review-links"
    assert messages_of(response) == ["สร้างลิงก์สำหรับตรวจทานแล้ว คัดลอกแล้วส่งให้ผู้ให้สัมภาษณ์ได้เลย"]
    page = staff_admin.get(change_url(story)).content.decode()
    assert f'data-copy-from="review-link-{link.pk}"' in page
    assert re.search(rf'id="review-link-{link.pk}"', page)
    assert "/portal/review/" in page


def test_a_revoked_link_is_listed_as_revoked_without_its_address(staff_admin):
    story = submitted_story()
    post(staff_admin, link_url(story, "create"))
    link = story.review_links.get()

    response = post(staff_admin, link_url(story, "revoke", link.pk))

    link.refresh_from_db()
    assert link.revoked_at is not None
    assert messages_of(response)[-1] == "ลิงก์สำหรับตรวจทานนี้ใช้ไม่ได้แล้ว"
    page = staff_admin.get(change_url(story)).content.decode()
    assert "review-link--revoked" in page
    assert "data-copy-from" not in page


def test_each_link_shows_its_state(staff_admin):
    story = submitted_story()
    later = timezone.now() + datetime.timedelta(days=3)
    ReviewLink.objects.create(story=story, expires_at=later)
    ReviewLink.objects.create(story=story, expires_at=timezone.now() - datetime.timedelta(days=1))
    ReviewLink.objects.create(story=story, expires_at=later, revoked_at=timezone.now())
    answered = ReviewLink.objects.create(story=story, expires_at=later)
    ReviewAnswer.objects.create(link=answered, story=story, decision="approve", name="สมชาย")

    page = staff_admin.get(change_url(story), HTTP_ACCEPT_LANGUAGE="th").content.decode()

    states = re.findall(r'class="review-link-state review-link-state--(\w+)">([^<]+)<', page)
    assert sorted(states) == [
        ("active", "ใช้งานได้"),
        ("answered", "ตอบแล้ว"),
        ("expired", "หมดอายุ"),
        ("revoked", "ยกเลิกแล้ว"),
    ]
    assert "สมชาย" in page


def test_a_link_of_another_story_is_404(staff_admin):
    story, other = submitted_story(), submitted_story()
    link = ReviewLink.objects.create(story=other, expires_at=timezone.now())

    assert post(staff_admin, link_url(story, "revoke", link.pk)).status_code == 404


def test_get_on_the_review_link_views_is_405(staff_admin):
    story = submitted_story()

    assert staff_admin.get(link_url(story, "create")).status_code == 405


def test_a_published_story_takes_no_new_review_link(staff_admin):
    story = StoryFactory()

    response = post(staff_admin, link_url(story, "create"))

    assert not story.review_links.exists()
    assert messages_of(response) == ["ลิงก์สำหรับตรวจทานใช้ได้เฉพาะกับเรื่องที่ยังไม่เผยแพร่"]


def test_staff_who_neither_publish_nor_wrote_the_story_may_not_make_links(client, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="change_story"))
    client.force_login(staff_user)
    story = submitted_story()

    assert post(client, link_url(story, "create")).status_code == 403
    assert not story.review_links.exists()


# --- The story list --------------------------------------------------------------------


def test_the_story_lists_actions_start_with_the_workflow_and_end_with_delete(staff_admin):
    response = staff_admin.get(reverse("admin:stories_story_changelist"))

    actions = [value for value, _label in response.context["action_form"].fields["action"].choices]
    assert actions[1] == "publish_selected"
    assert actions[-1] == "delete_selected"


def test_the_pages_script_gets_the_new_links_address_as_json(staff_admin):
    story = submitted_story()

    response = staff_admin.post(link_url(story, "create"), HTTP_ACCEPT="application/json")

    link = story.review_links.get()
    assert response.status_code == 201
    assert response.json() == {
        "url": f"http://testserver/portal/review/{workflow.review_link_token(link)}/",
        "id": link.pk,
        "next": change_url(story) + "#review-links",
    }


def test_a_refused_link_answers_the_script_with_409_and_where_to_go(staff_admin):
    story = StoryFactory()

    response = staff_admin.post(link_url(story, "create"), HTTP_ACCEPT="application/json")

    assert response.status_code == 409
    assert response.json() == {"next": change_url(story) + "#review-links"}


@pytest.mark.parametrize(
    ("language", "example"),
    [("th", r"เช่น \d\d/\d\d/25\d\d 09:00<"), ("en", r"For example 20\d\d-\d\d-\d\d 09:00<")],
)
def test_the_schedule_box_shows_an_example_in_the_screens_era(staff_admin, language, example):
    page = staff_admin.get(change_url(submitted_story()), HTTP_ACCEPT_LANGUAGE=language)

    assert re.search(example, page.content.decode())
