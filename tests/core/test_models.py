import pytest
from django.utils import translation

from cities.models import City
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


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
