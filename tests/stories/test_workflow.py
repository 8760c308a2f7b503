"""The status machine: every legal transition, every illegal one, who may do what, and the
history it records."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from stories import workflow
from stories.models import Story, StoryStatus, StoryTransition
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

S = StoryStatus
LATER = datetime.timedelta(days=2)


def story_in(status, **kwargs):
    published_at = timezone.now() - datetime.timedelta(days=1) if status == S.PUBLISHED else None
    return StoryFactory(status=status, published_at=published_at, **kwargs)


def do(action, story, by):
    if action == "submit":
        return workflow.story_submit(story=story, by=by)
    if action == "request_changes":
        return workflow.story_request_changes(story=story, by=by, note="Add the date.")
    if action == "publish":
        return workflow.story_publish(story=story, by=by)
    if action == "schedule":
        return workflow.story_schedule(story=story, by=by, at=timezone.now() + LATER)
    if action == "unpublish":
        return workflow.story_unpublish(story=story, by=by)
    if action == "archive":
        return workflow.story_archive(story=story, by=by)
    raise AssertionError(action)


LEGAL = [
    ("submit", S.DRAFT, S.SUBMITTED),
    ("submit", S.CHANGES_REQUESTED, S.SUBMITTED),
    ("request_changes", S.SUBMITTED, S.CHANGES_REQUESTED),
    ("publish", S.DRAFT, S.PUBLISHED),
    ("publish", S.SUBMITTED, S.PUBLISHED),
    ("publish", S.CHANGES_REQUESTED, S.PUBLISHED),
    ("schedule", S.DRAFT, S.PUBLISHED),
    ("schedule", S.SUBMITTED, S.PUBLISHED),
    ("schedule", S.CHANGES_REQUESTED, S.PUBLISHED),
    ("unpublish", S.PUBLISHED, S.DRAFT),
    ("archive", S.DRAFT, S.ARCHIVED),
    ("archive", S.CHANGES_REQUESTED, S.ARCHIVED),
    ("archive", S.PUBLISHED, S.ARCHIVED),
]
LEGAL_PAIRS = {(action, source) for action, source, _target in LEGAL}
ILLEGAL = [
    (action, source)
    for action in workflow.TRANSITIONS
    for source in S.values
    if (action, source) not in LEGAL_PAIRS
]


@pytest.mark.parametrize(("action", "source", "target"), LEGAL)
def test_legal_transition_moves_the_story_and_records_it(action, source, target, programme_staff):
    story = story_in(source, author=programme_staff)

    do(action, story, programme_staff)

    story.refresh_from_db()
    assert story.status == target
    step = story.transitions.get()
    assert (step.from_status, step.to_status, step.user) == (source, target, programme_staff)


@pytest.mark.parametrize(("action", "source"), ILLEGAL)
def test_illegal_transition_is_refused_with_a_clear_message(action, source, programme_staff):
    story = story_in(source, author=programme_staff)

    with pytest.raises(workflow.IllegalTransition) as caught:
        do(action, story, programme_staff)

    story.refresh_from_db()
    assert story.status == source
    assert not StoryTransition.objects.exists()
    assert caught.value.code == "illegal_transition"
    assert caught.value.messages[0]


def test_an_illegal_transition_names_the_status_in_the_readers_language(programme_staff):
    story = story_in(S.ARCHIVED)

    with pytest.raises(workflow.IllegalTransition) as caught:
        workflow.story_publish(story=story, by=programme_staff)

    with translation.override("en"):
        assert caught.value.messages == ["A story that is “Archived” cannot publish it."]
    with translation.override("th"):
        assert caught.value.messages == ["เรื่องที่อยู่ในสถานะ “เก็บถาวร” ไม่สามารถเผยแพร่ได้"]


def test_the_full_review_round_trip_is_recorded_in_order(researcher, programme_staff):
    story = story_in(S.DRAFT, author=researcher)

    workflow.story_submit(story=story, by=researcher)
    workflow.story_request_changes(story=story, by=programme_staff, note="ใส่วันที่")
    workflow.story_submit(story=story, by=researcher)
    workflow.story_publish(story=story, by=programme_staff)

    steps = list(story.transitions.order_by("created_at", "pk"))
    assert [(s.from_status, s.to_status) for s in steps] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.CHANGES_REQUESTED),
        (S.CHANGES_REQUESTED, S.SUBMITTED),
        (S.SUBMITTED, S.PUBLISHED),
    ]
    assert steps[1].note == "ใส่วันที่"
    assert story.latest_note == steps[1]


def test_requesting_changes_needs_a_note(programme_staff):
    story = story_in(S.SUBMITTED)

    with pytest.raises(ValidationError) as caught:
        workflow.story_request_changes(story=story, by=programme_staff, note="  ")

    assert "note" in caught.value.message_dict
    story.refresh_from_db()
    assert story.status == S.SUBMITTED


@pytest.mark.parametrize(
    "action", ["request_changes", "publish", "schedule", "unpublish", "archive"]
)
def test_a_researcher_cannot_take_a_staff_action(action, researcher):
    source = {"request_changes": S.SUBMITTED, "unpublish": S.PUBLISHED, "archive": S.PUBLISHED}
    story = story_in(source.get(action, S.SUBMITTED), author=researcher)

    with pytest.raises(PermissionDenied):
        do(action, story, researcher)


def test_a_researcher_cannot_submit_someone_elses_story(researcher):
    story = story_in(S.DRAFT)

    with pytest.raises(PermissionDenied):
        workflow.story_submit(story=story, by=researcher)


def test_staff_without_the_publish_permission_cannot_publish(staff_user):
    story = story_in(S.SUBMITTED)

    with pytest.raises(PermissionDenied):
        workflow.story_publish(story=story, by=staff_user)


def test_scheduling_hides_the_story_until_its_moment(programme_staff):
    story = story_in(S.SUBMITTED)
    at = timezone.now() + LATER

    workflow.story_schedule(story=story, by=programme_staff, at=at)

    story.refresh_from_db()
    assert story.status == S.PUBLISHED
    assert story.published_at == at
    assert story.is_scheduled
    assert not Story.objects.published().filter(pk=story.pk).exists()


def test_a_scheduled_story_appears_by_itself_when_its_moment_passes(programme_staff):
    story = story_in(S.SUBMITTED)
    workflow.story_schedule(story=story, by=programme_staff, at=timezone.now() + LATER)

    Story.objects.filter(pk=story.pk).update(published_at=timezone.now())

    assert Story.objects.published().filter(pk=story.pk).exists()


def test_scheduling_in_the_past_is_refused(programme_staff):
    story = story_in(S.SUBMITTED)

    with pytest.raises(ValidationError) as caught:
        workflow.story_schedule(
            story=story, by=programme_staff, at=timezone.now() - datetime.timedelta(hours=1)
        )

    assert "published_at" in caught.value.message_dict


def test_a_scheduled_story_can_be_rescheduled(programme_staff):
    story = story_in(S.DRAFT)
    workflow.story_schedule(story=story, by=programme_staff, at=timezone.now() + LATER)
    later_still = timezone.now() + 2 * LATER

    workflow.story_schedule(story=story, by=programme_staff, at=later_still)

    story.refresh_from_db()
    assert story.published_at == later_still


def test_a_public_story_cannot_be_scheduled_without_unpublishing(programme_staff):
    story = story_in(S.PUBLISHED)

    with pytest.raises(workflow.IllegalTransition):
        workflow.story_schedule(story=story, by=programme_staff, at=timezone.now() + LATER)


def test_bulk_publish_skips_stories_whose_status_forbids_it(programme_staff):
    movable = story_in(S.SUBMITTED)
    archived = story_in(S.ARCHIVED)

    count = workflow.stories_publish(stories=Story.objects.all(), by=programme_staff)

    assert count == 1
    archived.refresh_from_db()
    assert archived.status == S.ARCHIVED
    assert movable.transitions.count() == 1


def test_a_transition_runs_full_clean_and_refuses_an_invalid_story(programme_staff):
    story = story_in(S.SUBMITTED)
    Story.objects.filter(pk=story.pk).update(hero_image="stories/x.jpg", hero_image_alt_th="")
    story.refresh_from_db()

    with pytest.raises(ValidationError):
        workflow.story_publish(story=story, by=programme_staff)

    story.refresh_from_db()
    assert story.status == S.SUBMITTED
