import json
import random

import pytest
from pythainlp.util.collate import _thkey as pythainlp_sort_key

from cities.models import City
from core.collation import thai_ordered, thai_sort_key
from stories.management.commands.load_content import SEED_PATH
from tests.factories import CityFactory

# Thai words in the order of PostgreSQL's ICU collation "th-TH-x-icu".
THAI_WORDS_IN_ICU_ORDER = [
    "ก๊ก", "กรุง", "กรุงเทพ", "ก๋วย", "กา", "เก่ง", "เก็บ", "เกม", "ไก่", "ขา", "ข่า", "ข้า",
    "ขาว", "ข่าว", "ข้าว", "ขาวา", "ใจ", "เด็ก", "โต๊ะ", "นำ", "น้ำ", "แม", "แม่", "ร้อย",
    "ร้อยเอ็ด", "ฤดู",
]  # fmt: skip


def seed_names():
    """The Thai names of the cities and people of the real content."""
    seed = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    return [
        item["name_th"] for key in ("cities", "people") for item in seed[key] if item.get("name_th")
    ]


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


def test_sort_key_orders_thai_words_like_icu():
    shuffled = random.Random(0).sample(THAI_WORDS_IN_ICU_ORDER, len(THAI_WORDS_IN_ICU_ORDER))

    assert sorted(shuffled, key=thai_sort_key) == THAI_WORDS_IN_ICU_ORDER


def test_pythainlp_collate_orders_differently():
    """Why the key is not PyThaiNLP's `collate`: it appends the tone mark to the word, so a
    toned word sorts after every longer word with the same letters (ร้อยเอ็ด before ร้อย,
    ข่า after ขาวา), and it does not fold case."""
    assert sorted(THAI_WORDS_IN_ICU_ORDER, key=pythainlp_sort_key) != THAI_WORDS_IN_ICU_ORDER
    assert sorted(["ร้อย", "ร้อยเอ็ด"], key=pythainlp_sort_key) == ["ร้อยเอ็ด", "ร้อย"]
    assert sorted(["ร้อย", "ร้อยเอ็ด"], key=thai_sort_key) == ["ร้อย", "ร้อยเอ็ด"]


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["tricky", "seed"])
def test_database_orders_like_the_sort_key(words):
    """On PostgreSQL this compares the key with ICU; on SQLite it checks the registration."""
    names = THAI_WORDS_IN_ICU_ORDER if words == "tricky" else seed_names()
    for name in reversed(names):
        CityFactory(name_th=name)

    ordered = City.objects.order_by(thai_ordered("name_th"), "pk").values_list("name_th", flat=True)

    assert list(ordered) == sorted(names, key=thai_sort_key)
