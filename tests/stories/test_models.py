import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from projects.models import Person
from stories.models import Story, StoryStatus
from tests.factories import CityFactory, StoryFactory, StoryPersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>ข่าว</p><script>alert(1)</script>", "<script"),
        ('<p onclick="alert(1)">ข่าว</p><img src=x onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">ข่าว</a>', "javascript:"),
    ],
    ids=["script", "event-handlers", "javascript-link"],
)
@pytest.mark.parametrize("language", ["th", "en"])
def test_story_body_is_sanitized_when_saved(dirty, forbidden, language):
    story = StoryFactory(**{f"body_{language}": dirty})

    story.refresh_from_db()

    body = getattr(story, f"body_{language}")
    assert forbidden not in body
    assert "ข่าว" in body


def test_story_body_keeps_harmless_markup():
    story = StoryFactory(body_th="<h2>หัวข้อ</h2><p><strong>สำคัญ</strong></p>")

    story.refresh_from_db()

    assert story.body_th == "<h2>หัวข้อ</h2><p><strong>สำคัญ</strong></p>"


def test_story_body_is_sanitized_when_changed_later():
    story = StoryFactory()

    story.body_en = "<p>Fine</p><script>alert(1)</script>"
    story.save()
    story.refresh_from_db()

    assert story.body_en == "<p>Fine</p>"


def test_published_stories_include_dated_and_undated_ones():
    dated = StoryFactory()
    undated = StoryFactory(published_at=None)

    assert set(Story.objects.published()) == {dated, undated}


@pytest.mark.parametrize(
    "status",
    [
        StoryStatus.DRAFT,
        StoryStatus.SUBMITTED,
        StoryStatus.CHANGES_REQUESTED,
        StoryStatus.ARCHIVED,
    ],
)
def test_published_stories_hide_unpublished_statuses(status):
    StoryFactory(status=status)

    assert not Story.objects.published().exists()


def test_published_stories_hide_scheduled_ones():
    StoryFactory(scheduled=True)

    assert not Story.objects.published().exists()


def test_published_stories_hide_stories_of_unpublished_cities():
    StoryFactory(city=CityFactory(is_published=False))

    assert not Story.objects.published().exists()


def test_published_stories_include_stories_about_no_city():
    story = StoryFactory(city=None)

    assert list(Story.objects.published()) == [story]


@pytest.mark.parametrize(
    ("story_kwargs", "is_public"),
    [
        ({}, True),
        ({"published_at": None}, True),
        ({"city": None}, True),
        ({"status": StoryStatus.DRAFT}, False),
        ({"scheduled": True}, False),
        ({"city__is_published": False}, False),
    ],
    ids=["published", "undated", "no-city", "draft", "scheduled", "unpublished-city"],
)
def test_is_public_agrees_with_the_published_queryset(story_kwargs, is_public):
    story = StoryFactory(**story_kwargs)

    assert story.is_public is is_public
    assert Story.objects.published().filter(pk=story.pk).exists() is is_public


@pytest.mark.parametrize(
    ("story_kwargs", "public_when_due"),
    [
        ({"scheduled": True}, True),
        ({"scheduled": True, "city__is_published": False}, False),
        ({"status": StoryStatus.SUBMITTED}, False),
    ],
    ids=["scheduled", "scheduled-in-unpublished-city", "submitted"],
)
def test_a_scheduled_story_is_public_when_due(story_kwargs, public_when_due):
    story = StoryFactory(**story_kwargs)

    assert story.is_public_when_due is public_when_due
    assert not story.is_public


def test_scheduled_finds_the_stories_a_moment_hides():
    now = timezone.now()
    scheduled = StoryFactory(scheduled=True)
    StoryFactory(published_at=now - datetime.timedelta(days=1))
    StoryFactory(status=StoryStatus.DRAFT, published_at=now + datetime.timedelta(days=1))

    assert list(Story.objects.scheduled(after=now)) == [scheduled]
    assert scheduled.is_scheduled


def test_newest_first_puts_undated_stories_last():
    now = timezone.now()
    undated = StoryFactory(published_at=None)
    older = StoryFactory(published_at=now - datetime.timedelta(days=30))
    newer = StoryFactory(published_at=now - datetime.timedelta(days=1))

    assert list(Story.objects.newest_first()) == [newer, older, undated]


def test_story_hero_image_needs_alt_text():
    story = StoryFactory.build(city=None, hero_image="stories/x.jpg", hero_image_alt_th="")

    with pytest.raises(ValidationError) as caught:
        story.full_clean()

    assert "hero_image_alt_th" in caught.value.message_dict


def test_story_hero_image_with_alt_text_is_valid():
    story = StoryFactory.build(
        city=None, hero_image="stories/x.jpg", hero_image_alt_th="ชาวบ้านในตลาด"
    )

    story.full_clean()


def test_story_slug_is_unique():
    StoryFactory(slug="ho-wot")

    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(slug="ho-wot")


def test_person_is_featured_in_a_story_once():
    feature = StoryPersonFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        StoryPersonFactory(story=feature.story, person=feature.person)


def test_deleting_a_story_keeps_the_people_it_featured():
    feature = StoryPersonFactory()

    feature.story.delete()

    assert Person.objects.filter(pk=feature.person.pk).exists()


def test_deleting_a_city_with_a_story_is_refused():
    story = StoryFactory()

    with pytest.raises(ProtectedError):
        story.city.delete()


def test_story_url_uses_its_slug():
    assert StoryFactory.build(slug="ho-wot").get_absolute_url() == "/stories/ho-wot/"
