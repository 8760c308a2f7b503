import pytest
from django.utils import translation

from cities.models import City
from core.i18n import active_content_language, translated
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_translated_gives_the_active_language_when_written():
    city = CityFactory.build(name_th="เชียงใหม่", name_en="Chiang Mai")

    with translation.override("en"):
        value = translated(city, "name")

    assert (value.text, value.language, value.is_fallback) == ("Chiang Mai", "en", False)


def test_translated_falls_back_to_thai_and_says_so():
    city = CityFactory.build(name_th="เชียงใหม่", name_en="")

    with translation.override("en"):
        value = translated(city, "name")

    assert (value.text, value.language, value.is_fallback) == ("เชียงใหม่", "th", True)


def test_translated_falls_back_to_english_and_says_so():
    city = CityFactory.build(name_th="", name_en="Chiang Mai")

    with translation.override("th"):
        value = translated(city, "name")

    assert (value.text, value.language, value.is_fallback) == ("Chiang Mai", "en", True)


def test_translated_treats_null_as_missing():
    city = CityFactory.build(summary_th="สรุป", summary_en=None)

    value = translated(city, "summary", language="en")

    assert value.language == "th"
    assert value.is_fallback


def test_translated_is_empty_and_falsy_when_no_language_has_text():
    city = CityFactory.build(summary_th="", summary_en="")

    value = translated(city, "summary", language="en")

    assert not value
    assert str(value) == ""
    assert not value.is_fallback


def test_regional_variant_of_a_language_counts_as_that_language():
    with translation.override("en-gb"):
        assert active_content_language() == "en"


def test_unknown_active_language_counts_as_the_default():
    with translation.override("fr"):
        assert active_content_language() == "th"


def test_fields_missing_english_lists_fields_written_only_in_thai():
    city = CityFactory.build(
        name_en="Chiang Mai", province_en="", research_area_en=None, summary_th="", summary_en=""
    )

    assert city.fields_missing_english() == ["province", "research_area"]


def test_missing_english_query_finds_objects_with_any_untranslated_field():
    complete = CityFactory()
    no_name = CityFactory(name_en="")
    null_area = CityFactory(research_area_en=None)
    CityFactory(summary_th="", summary_en="")  # nothing to translate: not missing

    missing = set(City.objects.filter(City.missing_english_q()))

    assert missing == {no_name, null_area}
    assert complete not in missing
