from urllib.parse import quote

import pytest

from tags.models import Tag
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_thai_tags_differing_only_in_tone_marks_get_distinct_thai_slugs():
    story = StoryFactory()

    story.tags.add("ข่าว", "ข้าว", "ขาว")

    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == 3
    assert set(slugs) == {"ข่าว", "ข้าว", "ขาว"}


def test_thai_tag_slug_is_the_same_every_time_the_tag_is_created():
    first = Tag.objects.create(name="ข้าว")
    first_slug = first.slug
    first.delete()

    assert Tag.objects.create(name="ข้าว").slug == first_slug


def test_english_tag_keeps_a_readable_slug():
    assert Tag.objects.create(name="Smart City").slug == "smart-city"


def test_mixed_language_tag_slug_keeps_both_scripts():
    tag = Tag.objects.create(name="Smart City เมืองอัจฉริยะ")

    assert tag.slug == "smart-city-เมืองอัจฉริยะ"


def test_adding_a_tag_again_reuses_it():
    first, second = StoryFactory.create_batch(2)

    first.tags.add("ข่าว")
    second.tags.add("ข่าว")

    assert Tag.objects.filter(name="ข่าว").count() == 1


def test_tag_url_uses_its_slug():
    tag = Tag.objects.create(name="ขาว")

    assert tag.get_absolute_url() == f"/tags/{quote(tag.slug)}/"
