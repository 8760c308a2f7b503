import pytest
from django.urls import reverse
from django.utils import timezone

from stories.models import Story, StoryStatus
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:stories_story_changelist"


def run_action(client, action, stories, **headers):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [story.pk for story in stories]},
        **headers,
    )


def test_publish_action_publishes_the_selected_drafts(admin_client):
    chosen = StoryFactory.create_batch(2, draft=True)
    other = StoryFactory(draft=True)

    response = run_action(admin_client, "publish_selected", chosen)

    assert response.status_code == 302
    assert set(Story.objects.published()) == set(chosen)
    other.refresh_from_db()
    assert other.status == StoryStatus.DRAFT


def test_publish_action_dates_undated_stories(admin_client):
    story = StoryFactory(draft=True)

    run_action(admin_client, "publish_selected", [story])

    story.refresh_from_db()
    assert story.published_at <= timezone.now()


def test_unpublish_action_returns_stories_to_draft(admin_client):
    story = StoryFactory()

    run_action(admin_client, "unpublish_selected", [story])

    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT
    assert not Story.objects.published().exists()


def test_publish_action_reports_how_many_stories_it_published(admin_client):
    stories = StoryFactory.create_batch(2, draft=True)

    response = run_action(admin_client, "publish_selected", stories, HTTP_ACCEPT_LANGUAGE="en")

    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["2 stories published."]
