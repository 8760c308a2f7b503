"""Writes to stories that follow editorial rules. Views and the admin call these."""

from django.db import transaction
from django.utils import timezone

from stories.models import Story, StoryStatus


@transaction.atomic
def stories_publish(*, stories):
    """Publish now. A story already scheduled keeps its date; others are dated now."""
    stories = stories.exclude(status=StoryStatus.PUBLISHED)
    now = timezone.now()
    undated = stories.filter(published_at__isnull=True).update(
        status=StoryStatus.PUBLISHED, published_at=now
    )
    dated = stories.update(status=StoryStatus.PUBLISHED)
    return undated + dated


@transaction.atomic
def stories_unpublish(*, stories):
    """Take published stories off the site; they go back to draft."""
    return stories.filter(status=StoryStatus.PUBLISHED).update(status=StoryStatus.DRAFT)


def story_publish(*, story: Story):
    stories_publish(stories=Story.objects.filter(pk=story.pk))
    story.refresh_from_db()
    return story
