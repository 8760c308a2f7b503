import re

import pytest
from django.utils import translation

from cities.models import City
from tags.models import Tag
from tests.factories import CityFactory, StoryFactory

pytestmark = pytest.mark.django_db

ASCII_SLUG = re.compile(r"^[-a-z0-9_]+$")


def test_thai_tags_differing_only_in_tone_marks_get_distinct_ascii_slugs():
    story = StoryFactory()

    story.tags.add("ข่าว", "ข้าว", "ขาว")

    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == 3
    assert len(set(slugs)) == 3
    assert all(ASCII_SLUG.match(slug) for slug in slugs), slugs


def test_thai_tag_slug_is_the_same_every_time_the_tag_is_created():
    first = Tag.objects.create(name="ข้าว")
    first_slug = first.slug
    first.delete()

    assert Tag.objects.create(name="ข้าว").slug == first_slug


def test_english_tag_keeps_a_readable_slug():
    assert Tag.objects.create(name="Smart City").slug == "smart-city"


def test_mixed_language_tag_slug_starts_with_its_latin_words():
    tag = Tag.objects.create(name="Smart City เมืองอัจฉริยะ")

    assert tag.slug.startswith("smart-city-")
    assert ASCII_SLUG.match(tag.slug)


def test_adding_a_tag_again_reuses_it():
    first, second = StoryFactory.create_batch(2)

    first.tags.add("ข่าว")
    second.tags.add("ข่าว")

    assert Tag.objects.filter(name="ข่าว").count() == 1


def test_tag_url_uses_its_slug():
    tag = Tag.objects.create(name="ขาว")

    assert tag.get_absolute_url() == f"/tags/{tag.slug}/"


def test_updated_at_changes_on_save_and_created_at_does_not():
    city = CityFactory()
    created_at, updated_at = city.created_at, city.updated_at

    city.name_en = "Renamed"
    city.save()
    city.refresh_from_db()

    assert city.created_at == created_at
    assert city.updated_at > updated_at


def test_order_by_name_under_english_uses_english_names_case_insensitively():
    CityFactory(name_th="ข", name_en="bangkok")
    CityFactory(name_th="ก", name_en="Ayutthaya")
    CityFactory(name_th="ค", name_en="Chiang Mai")

    with translation.override("en"):
        names = [city.name_en for city in City.objects.order_by_name()]

    assert names == ["Ayutthaya", "bangkok", "Chiang Mai"]


def test_order_by_name_under_english_places_untranslated_names_by_their_thai_text():
    CityFactory(name_th="ลำปาง", name_en="")
    CityFactory(name_th="ข", name_en="Bangkok")

    with translation.override("en"):
        names = [city.name_th for city in City.objects.order_by_name()]

    assert names == ["ข", "ลำปาง"]


def test_order_by_name_under_thai_uses_thai_alphabetical_order():
    for name in ["ขนม", "เกม", "กา"]:
        CityFactory(name_th=name)

    with translation.override("th"):
        names = [city.name_th for city in City.objects.order_by_name()]

    assert names == ["กา", "เกม", "ขนม"]
