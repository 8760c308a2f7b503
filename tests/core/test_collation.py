import pytest

from cities.models import City
from core.collation import thai_ordered, thai_sort_key
from tests.factories import CityFactory


def test_leading_vowel_sorts_after_the_consonant_it_is_written_before():
    assert sorted(["ขนม", "เกม", "กา"], key=thai_sort_key) == ["กา", "เกม", "ขนม"]


def test_every_leading_vowel_sorts_by_its_consonant():
    words = ["ไก่", "ใจ", "โต", "แข", "เด็ก"]

    assert sorted(words, key=thai_sort_key) == ["ไก่", "แข", "ใจ", "เด็ก", "โต"]


def test_tone_marks_only_break_ties():
    assert sorted(["ข้าว", "ขาว", "ข่าว", "ขา"], key=thai_sort_key)[0] == "ขา"
    assert sorted(["ข้าว", "ขาวา"], key=thai_sort_key) == ["ข้าว", "ขาวา"]


def test_sort_key_accepts_empty_text():
    assert thai_sort_key(None) == thai_sort_key("")


@pytest.mark.django_db
def test_database_orders_by_the_thai_collation():
    """The collation exists on both databases: ICU on PostgreSQL, registered on SQLite."""
    for name in ["ไก่", "ขนม", "เกม", "กา"]:
        CityFactory(name_th=name)

    names = list(City.objects.order_by(thai_ordered("name_th")).values_list("name_th", flat=True))

    assert names == ["กา", "เกม", "ไก่", "ขนม"]
