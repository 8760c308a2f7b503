"""What the portal and the admin list call a story's state: a published story still to come
is "Scheduled" with its time; staff notes stop showing once the story is published; a new
story is an interview unless its author says otherwise."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stories import workflow
from stories.models import Story, StoryKind, StoryStatus
from tests.factories import StoryFactory
from tests.pages import url_in
from tests.portal.test_dates import LATER, SHOWN

pytestmark = pytest.mark.django_db

SCHEDULED = {"th": "ตั้งเวลาเผยแพร่", "en": "Scheduled"}
PUBLISHED = {"th": "เผยแพร่แล้ว", "en": "Published"}


def status_words(page):
    """The texts of the status badges of a page."""
    parts = page.split('<span class="status status--')[1:]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in parts]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", ["portal:dashboard", "portal:story_detail"])
def test_a_scheduled_story_is_called_scheduled_with_its_time(client, researcher, language, name):
    story = StoryFactory(status=StoryStatus.PUBLISHED, published_at=LATER, author=researcher)
    client.force_login(researcher)
    kwargs = {"pk": story.pk} if name == "portal:story_detail" else {}

    page = client.get(url_in(language, name, **kwargs)).content.decode()

    assert status_words(page) == [SCHEDULED[language]]
    assert SHOWN[language] in page


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_public_story_is_still_called_published(client, researcher, language):
    StoryFactory(status=StoryStatus.PUBLISHED, published_at=timezone.now(), author=researcher)
    client.force_login(researcher)

    page = client.get(url_in(language, "portal:dashboard")).content.decode()

    assert status_words(page) == [PUBLISHED[language]]


def test_the_admin_list_calls_a_scheduled_story_scheduled(client, programme_staff):
    StoryFactory(title_th="เรื่องรอเวลา", status=StoryStatus.PUBLISHED, published_at=LATER)
    StoryFactory(title_th="เรื่องที่ออกแล้ว", status=StoryStatus.PUBLISHED)
    client.force_login(programme_staff)

    page = client.get(reverse("admin:stories_story_changelist")).content.decode()

    rows = {row.split("</tr>")[0] for row in page.split("<tr")[1:]}
    scheduled = next(row for row in rows if "เรื่องรอเวลา" in row)
    public = next(row for row in rows if "เรื่องที่ออกแล้ว" in row)
    assert "ตั้งเวลาเผยแพร่" in scheduled and "เผยแพร่แล้ว" not in scheduled
    assert "เผยแพร่แล้ว" in public


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_staff_note_stops_showing_once_the_story_is_published(
    client, researcher, programme_staff, language
):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)
    workflow.story_request_changes(story=story, by=programme_staff, note="เพิ่มรูปตลาด")
    client.force_login(researcher)
    assert "เพิ่มรูปตลาด" in client.get(url_in(language, "portal:dashboard")).content.decode()

    workflow.story_submit(story=story, by=researcher)
    workflow.story_publish(story=story, by=programme_staff)

    dashboard = client.get(url_in(language, "portal:dashboard")).content.decode()
    assert "เพิ่มรูปตลาด" not in dashboard
    # The history keeps it.
    detail = client.get(url_in(language, "portal:story_detail", pk=story.pk)).content.decode()
    assert "เพิ่มรูปตลาด" in detail


def test_a_note_after_publication_shows_again(client, researcher, programme_staff):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)
    workflow.story_request_changes(story=story, by=programme_staff, note="โน้ตเก่า")
    workflow.story_submit(story=story, by=researcher)
    workflow.story_publish(story=story, by=programme_staff)
    workflow.story_unpublish(story=story, by=programme_staff, note="ถอนออกก่อน รูปไม่ถูกต้อง")
    client.force_login(researcher)

    page = client.get(reverse("portal:dashboard")).content.decode()

    assert "ถอนออกก่อน" in page and "โน้ตเก่า" not in page


def test_a_new_story_is_an_interview_by_default(client, researcher, programme_staff):
    assert Story().kind == StoryKind.INTERVIEW
    client.force_login(researcher)
    portal_form = client.get(reverse("portal:story_create")).content.decode()
    client.force_login(programme_staff)
    admin_form = client.get(reverse("admin:stories_story_add")).content.decode()

    for page in (portal_form, admin_form):
        assert '<option value="interview" selected>' in page
