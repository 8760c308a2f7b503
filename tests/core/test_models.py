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


# Thai text is stored normalised, whatever the keyboard or source produced

DECOMPOSED = "ผู้อ\u0e4d\u0e32นวยการ"  # sara am as nikhahit + sara aa
COMPOSED = "ผู้อำนวยการ"


def test_saving_content_normalises_every_text_field_in_both_languages():
    from tests.factories import StoryFactory

    story = StoryFactory(
        title_th=f"{DECOMPOSED}เมือง",
        title_en=f"Director {DECOMPOSED}",
        excerpt_th=DECOMPOSED,
        body_th=f"<p>น\u0e49\u0e4d\u0e32 {DECOMPOSED}</p>",
    )
    story.refresh_from_db()

    assert story.title_th == f"{COMPOSED}เมือง"
    assert story.title_en == f"Director {COMPOSED}"
    assert story.excerpt_th == COMPOSED
    assert story.body_th == f"<p>น้ำ {COMPOSED}</p>"


def test_editing_content_normalises_the_edited_text():
    city = CityFactory()

    city.name_th = f"เมือง{DECOMPOSED}"
    city.save()
    city.refresh_from_db()

    assert city.name_th == f"เมือง{COMPOSED}"


def test_saving_content_under_english_keeps_the_thai_text():
    city = CityFactory(name_th="ยะลา", name_en="")

    with translation.override("en"):
        city.name_th = f"เมือง{DECOMPOSED}"
        city.save()
    city.refresh_from_db()

    assert (city.name_th, city.name_en) == (f"เมือง{COMPOSED}", "")


def test_loading_content_from_a_backup_normalises_its_text():
    from django.core import serializers

    city = CityFactory(name_th="ยะลา")
    backup = serializers.serialize("json", [city]).replace("ยะลา", f"เมือง{DECOMPOSED}")
    for obj in serializers.deserialize("json", backup):
        obj.save()
    city.refresh_from_db()

    assert city.name_th == f"เมือง{COMPOSED}"
