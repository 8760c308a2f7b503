"""Writes to stories that follow editorial rules. Views and the admin call these."""

from django.db import transaction
from django.utils import timezone

from search.indexing import reindex
from stories.models import Story, StoryStatus


@transaction.atomic
def stories_publish(*, stories):
    """Publish now. A story already scheduled keeps its date; others are dated now."""
    stories = stories.exclude(status=StoryStatus.PUBLISHED)
    now = timezone.now()
    ids = list(stories.values_list("pk", flat=True))
    undated = stories.filter(published_at__isnull=True).update(
        status=StoryStatus.PUBLISHED, published_at=now
    )
    dated = stories.update(status=StoryStatus.PUBLISHED)
    reindex(Story.objects.filter(pk__in=ids))  # update() bypasses save() and the search index
    return undated + dated


@transaction.atomic
def stories_unpublish(*, stories):
    """Take published stories off the site; they go back to draft."""
    published = stories.filter(status=StoryStatus.PUBLISHED)
    ids = list(published.values_list("pk", flat=True))
    count = published.update(status=StoryStatus.DRAFT)
    reindex(Story.objects.filter(pk__in=ids))
    return count


def story_publish(*, story: Story):
    stories_publish(stories=Story.objects.filter(pk=story.pk))
    story.refresh_from_db()
    return story
