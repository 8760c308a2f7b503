"""Dates in the portal: the Buddhist Era year on Thai pages, the Common Era on English ones,
like the public pages."""

import datetime

import pytest

from stories.models import ReviewLink, StoryStatus
from tests.factories import StoryFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

# 09:30 in Bangkok, a date far enough ahead to be scheduled whenever the tests run.
LATER = datetime.datetime(2099, 10, 25, 2, 30, tzinfo=datetime.UTC)
SHOWN = {
    "th": "25 ตุลาคม 2642, 9:30",
    "en": "Oct. 25, 2099, 9:30 a.m.",
}


def page(client, user, language, name, **kwargs):
    client.force_login(user)
    return client.get(url_in(language, name, **kwargs)).content.decode()


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_draft_list_shows_when_a_story_is_scheduled(client, researcher, language):
    StoryFactory(status=StoryStatus.PUBLISHED, published_at=LATER, author=researcher)

    content = page(client, researcher, language, "portal:dashboard")

    assert SHOWN[language] in content
    assert ("2099" in content) == (language == "en")


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_story_status_page_shows_the_schedule_and_history(client, researcher, language):
    story = StoryFactory(status=StoryStatus.PUBLISHED, published_at=LATER, author=researcher)
    story.transitions.create(
        from_status=StoryStatus.SUBMITTED,
        to_status=StoryStatus.PUBLISHED,
        user=None,
        created_at=datetime.datetime(2024, 10, 25, 7, 0, tzinfo=datetime.UTC),
    )

    content = page(client, researcher, language, "portal:story_detail", pk=story.pk)

    assert SHOWN[language] in content
    history = {"th": "25 ตุลาคม 2567, 14:00", "en": "Oct. 25, 2024, 2 p.m."}[language]
    assert history in content


@pytest.mark.parametrize(("language", "shown"), [("th", "1 มกราคม 2643"), ("en", "Jan. 1, 2100")])
def test_a_review_link_shows_when_it_expires(client, researcher, language, shown):
    story = StoryFactory(draft=True, author=researcher)
    ReviewLink.objects.create(
        story=story, expires_at=datetime.datetime(2100, 1, 1, 5, 0, tzinfo=datetime.UTC)
    )

    content = page(client, researcher, language, "portal:story_detail", pk=story.pk)

    assert f"{shown}</span>" in content


@pytest.mark.parametrize(
    ("language", "shown"), [("th", "25 ตุลาคม 2642"), ("en", "25 October 2099")]
)
def test_the_preview_shows_the_date_like_the_public_page(client, researcher, language, shown):
    story = StoryFactory(status=StoryStatus.SUBMITTED, published_at=LATER, author=researcher)

    content = page(client, researcher, language, "portal:story_preview", pk=story.pk)

    assert shown in content
