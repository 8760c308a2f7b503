"""Emails of the workflow: staff hear of submissions; authors of change requests and
publication; each in the recipient's language."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from stories import workflow
from stories.models import StoryStatus
from tests.factories import ProgrammeStaffFactory, StoryFactory, UserProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Emails leave only once the transition is committed; run those callbacks."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def test_submitting_tells_every_programme_staff_member(researcher, run_on_commit):
    staff = ProgrammeStaffFactory.create_batch(2)
    story = StoryFactory(draft=True, author=researcher)

    run_on_commit(workflow.story_submit, story=story, by=researcher)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(s.email for s in staff)
    assert story.title_th in mail.outbox[0].subject
    assert f"/admin/stories/story/{story.pk}/change/" in mail.outbox[0].body


def test_staff_are_told_in_their_own_language(researcher, run_on_commit):
    english_reader = ProgrammeStaffFactory()
    UserProfileFactory(user=english_reader, language="en")
    story = StoryFactory(draft=True, author=researcher, title_en="Market day")

    run_on_commit(workflow.story_submit, story=story, by=researcher)

    assert mail.outbox[0].subject == "Submitted for review: Market day"


def test_requesting_changes_tells_the_author_with_the_note(
    researcher, programme_staff, run_on_commit
):
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)

    run_on_commit(
        workflow.story_request_changes, story=story, by=programme_staff, note="เพิ่มชื่อผู้ให้สัมภาษณ์"
    )

    assert [message.to for message in mail.outbox] == [[researcher.email]]
    assert "เพิ่มชื่อผู้ให้สัมภาษณ์" in mail.outbox[0].body
    assert f"/portal/stories/{story.pk}/edit/" in mail.outbox[0].body


def test_a_thai_author_is_written_to_in_thai(researcher, programme_staff, run_on_commit):
    UserProfileFactory(user=researcher, language="th")
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)

    run_on_commit(workflow.story_publish, story=story, by=programme_staff)

    assert mail.outbox[0].subject.startswith("เผยแพร่แล้ว")


def test_an_english_author_gets_english_links(researcher, programme_staff, run_on_commit):
    UserProfileFactory(user=researcher, language="en")
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)

    run_on_commit(workflow.story_publish, story=story, by=programme_staff)

    assert mail.outbox[0].subject.startswith("Published: ")
    assert f"/en/stories/{story.slug}/" in mail.outbox[0].body


def test_scheduling_tells_the_author_when_it_will_appear(
    researcher, programme_staff, run_on_commit
):
    UserProfileFactory(user=researcher, language="en")
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher, published_at=None)

    run_on_commit(
        workflow.story_schedule,
        story=story,
        by=programme_staff,
        at=timezone.now() + datetime.timedelta(days=3),
    )

    assert "is scheduled" in mail.outbox[0].body


def test_no_email_leaves_when_the_transition_is_refused(researcher, run_on_commit):
    ProgrammeStaffFactory()
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher)

    with pytest.raises(workflow.IllegalTransition):
        run_on_commit(workflow.story_submit, story=story, by=researcher)

    assert mail.outbox == []


def test_unpublishing_sends_no_email(researcher, programme_staff, run_on_commit):
    story = StoryFactory(author=researcher)

    run_on_commit(workflow.story_unpublish, story=story, by=programme_staff)

    assert mail.outbox == []


@pytest.mark.parametrize(
    ("language", "shown"),
    [("th", "25 ตุลาคม 2642, 9:30"), ("en", "Oct. 25, 2099, 9:30 a.m.")],
)
def test_the_scheduled_date_has_the_year_of_the_authors_language(
    researcher, programme_staff, run_on_commit, language, shown
):
    UserProfileFactory(user=researcher, language=language)
    story = StoryFactory(status=StoryStatus.SUBMITTED, author=researcher, published_at=None)

    run_on_commit(
        workflow.story_schedule,
        story=story,
        by=programme_staff,
        at=datetime.datetime(2099, 10, 25, 2, 30, tzinfo=datetime.UTC),
    )

    assert shown in mail.outbox[0].body
