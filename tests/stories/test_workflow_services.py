import datetime

import pytest
from django.utils import timezone

from stories.models import Story, StoryStatus
from stories.workflow import stories_publish, stories_unpublish, story_publish
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_dates_it_now():
    story = StoryFactory(draft=True)
    before = timezone.now()

    story = story_publish(story=story)

    assert story.status == StoryStatus.PUBLISHED
    assert before <= story.published_at <= timezone.now()
    assert story.is_public


def test_publishing_a_scheduled_draft_keeps_its_date_and_it_stays_hidden():
    later = timezone.now() + datetime.timedelta(days=3)
    story = StoryFactory(status=StoryStatus.DRAFT, published_at=later)

    story = story_publish(story=story)

    assert story.status == StoryStatus.PUBLISHED
    assert story.published_at == later
    assert not story.is_public


def test_publishing_leaves_already_published_stories_untouched():
    published_at = timezone.now() - datetime.timedelta(days=400)
    story = StoryFactory(published_at=published_at)

    count = stories_publish(stories=Story.objects.all())

    story.refresh_from_db()
    assert count == 0
    assert story.published_at == published_at


def test_publishing_counts_each_story_published():
    StoryFactory.create_batch(2, draft=True)
    StoryFactory(status=StoryStatus.SUBMITTED, published_at=timezone.now())
    StoryFactory()

    assert stories_publish(stories=Story.objects.all()) == 3
    assert set(Story.objects.values_list("status", flat=True)) == {StoryStatus.PUBLISHED}


def test_unpublishing_returns_published_stories_to_draft():
    story = StoryFactory()

    assert stories_unpublish(stories=Story.objects.all()) == 1

    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT
    assert not story.is_public


def test_unpublishing_leaves_other_statuses_alone():
    archived = StoryFactory(status=StoryStatus.ARCHIVED)

    assert stories_unpublish(stories=Story.objects.all()) == 0

    archived.refresh_from_db()
    assert archived.status == StoryStatus.ARCHIVED
