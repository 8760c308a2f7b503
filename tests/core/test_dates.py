"""The Buddhist Era: years, dates in words and in the locale's formats, in Thai and English."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.dates import MONTHS

from core.dates import (
    MAX_YEAR,
    MIN_YEAR,
    common_era,
    date_in_words,
    format_date,
    shown_year,
    typed_year,
)
from core.forms import EraYearField, YearField


def by_hand(value):
    """Thai date in words as the site wrote it before PyThaiNLP: Django's month names + 543."""
    return f"{value.day} {MONTHS[value.month]} {value.year + 543}"


def every_day_of(year):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


EDGE_DATES = [
    datetime.date(457, 1, 1),  # 1000 BE: the first four-digit year
    datetime.date(1857, 12, 31),  # 2400 BE: the threshold typed years are read against
    datetime.date(1858, 1, 1),
    datetime.date(1899, 12, 31),
    datetime.date(MIN_YEAR, 1, 1),
    datetime.date(1940, 12, 31),  # the last year whose Thai new year was 1 April
    datetime.date(1941, 1, 1),
    datetime.date(2000, 2, 29),
    datetime.date(2100, 2, 28),  # 2100 is no leap year
    datetime.date(MAX_YEAR, 12, 31),
    datetime.date(9456, 12, 31),  # 9999 BE
    datetime.date(9457, 1, 1),  # 10000 BE: five digits
    datetime.date(9999, 12, 31),
    datetime.datetime(2024, 12, 31, 23, 59),
    datetime.datetime(2025, 1, 1, 0, 0),
]


def test_thai_date_in_words_is_what_the_site_wrote_by_hand():
    """Every day of a leap year and of a common year, and the edges of the Buddhist Era."""
    dates = [*every_day_of(2024), *every_day_of(2026), *EDGE_DATES]
    with translation.override("th"):
        assert [date_in_words(d, "th") for d in dates] == [by_hand(d) for d in dates]


def test_thai_years_before_1000_be_are_padded_to_four_digits():
    """Where PyThaiNLP and the hand-written date differ: no page shows such a date."""
    with translation.override("th"):
        assert date_in_words(datetime.date(1, 1, 1), "th") == "1 มกราคม 0544"


def test_date_in_words():
    day = datetime.date(2024, 10, 5)
    with translation.override("th"):
        assert date_in_words(day, "th") == "5 ตุลาคม 2567"
    with translation.override("en"):
        assert date_in_words(day, "en") == "5 October 2024"


MOMENT = datetime.datetime(2024, 10, 25, 14, 30)


@pytest.mark.parametrize(
    ("format_name", "expected"),
    [
        ("DATE_FORMAT", "25 ตุลาคม 2567"),
        ("DATETIME_FORMAT", "25 ตุลาคม 2567, 14:30"),
        ("SHORT_DATE_FORMAT", "25 ต.ค. 2567"),
        ("YEAR_MONTH_FORMAT", "ตุลาคม 2567"),
        ("MONTH_DAY_FORMAT", "25 ตุลาคม"),
    ],
)
def test_thai_formats_show_the_buddhist_era(format_name, expected):
    with translation.override("th"):
        assert format_date(MOMENT, format_name, "th") == expected


@pytest.mark.parametrize("format_name", ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT"])
def test_english_formats_are_djangos(format_name):
    with translation.override("en"):
        assert format_date(MOMENT, format_name, "en") == formats.date_format(MOMENT, format_name)


def test_thai_formats_change_only_the_year():
    with translation.override("th"):
        for format_name in ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"]:
            django_writes = formats.date_format(MOMENT, format_name)
            assert format_date(MOMENT, format_name, "th") == django_writes.replace("2024", "2567")


def test_an_escaped_y_in_a_format_stays_a_letter():
    with translation.override("th"):
        assert format_date(MOMENT, r"\Y: Y, \\Y", "th") == "Y: 2567, \\2567"


@pytest.mark.parametrize(("language", "expected"), [("th", 2567), ("en", 2024)])
def test_shown_year(language, expected):
    assert shown_year(2024, language) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25/10/2567", "25/10/2024"),
        ("2567-10-25", "2024-10-25"),
        ("25/10/2024", "25/10/2024"),
        ("1 ม.ค. 2569", "1 ม.ค. 2026"),
        ("2400", "2400"),
        ("2401", "1858"),
        ("12345", "12345"),
    ],
)
def test_common_era_converts_only_buddhist_era_years(typed, expected):
    assert common_era(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [("2564", 2021), ("2021", 2021)])
def test_year_field_reads_either_era(typed, expected):
    assert YearField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["1899", "2201", "2442", "2744"])
def test_year_field_keeps_to_the_year_bounds(typed):
    with pytest.raises(forms.ValidationError):
        YearField().clean(typed)


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        (2569, "th", 2026),
        (2443, "th", 1900),
        (2743, "th", 2200),
        (2026, "en", 2026),
        (1900, "en", 1900),
        (2200, "en", 2200),
    ],
)
def test_typed_year_is_read_in_the_era_of_the_screen(typed, language, expected):
    assert typed_year(typed, language) == expected


@pytest.mark.parametrize(
    ("typed", "language", "message"),
    [
        (2026, "th", "2026 เป็นปี ค.ศ. กรุณาพิมพ์ปี พ.ศ. คือ 2569"),
        (2442, "th", "กรุณาพิมพ์ปี พ.ศ. ระหว่าง 2443 ถึง 2743"),
        (3000, "th", "กรุณาพิมพ์ปี พ.ศ. ระหว่าง 2443 ถึง 2743"),
        (
            2569,
            "en",
            "2569 is a Buddhist Era year: on English screens type the Common Era year, here 2026.",
        ),
        (1899, "en", "Type a Common Era year between 1900 and 2200."),
        (2201, "en", "Type a Common Era year between 1900 and 2200."),
    ],
)
def test_a_year_outside_the_screens_era_is_an_error_in_its_language(typed, language, message):
    with translation.override(language), pytest.raises(ValidationError) as error:
        typed_year(typed, language)

    assert error.value.messages == [message]


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [("2563", "th", 2020), ("2020", "en", 2020), ("", "th", None)],
)
def test_era_year_field_stores_common_era(typed, language, expected):
    with translation.override(language):
        assert EraYearField(required=False).clean(typed) == expected


@pytest.mark.parametrize(("typed", "language"), [("2020", "th"), ("2563", "en")])
def test_era_year_field_refuses_the_other_era(typed, language):
    with translation.override(language), pytest.raises(forms.ValidationError):
        EraYearField().clean(typed)


@pytest.mark.parametrize(("language", "shown"), [("th", "2567"), ("en", "2024")])
def test_era_year_field_shows_the_year_in_the_era_of_the_screen(language, shown):
    class YearForm(forms.Form):
        year = EraYearField()

    with translation.override(language):
        html = str(YearForm(initial={"year": 2024})["year"])

    assert f'value="{shown}"' in html
