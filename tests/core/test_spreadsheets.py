import datetime

import pytest
from django.test import override_settings
from django.utils import translation

from core import spreadsheets
from core.spreadsheets import (
    CSV,
    XLSX,
    BooleanWidget,
    DateWidget,
    SpreadsheetError,
    YearWidget,
    export_cell,
    formula_safe,
    import_cell,
)
from tests.sheets import csv_file, workbook


@pytest.fixture(autouse=True)
def _english():
    """The reasons a file is refused are in the active language: these tests read English."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_kept_text(start):
    assert formula_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize(
    "value",
    ["=SUM(A1)", "'=SUM(A1)", "''x", "'quoted", "+66 81 234 5678", "- a point", "@home", "ข้าว"],
)
def test_an_exported_cell_imports_back_exactly(value):
    assert import_cell(export_cell(value)) == value


def test_a_typed_apostrophe_before_ordinary_text_is_kept():
    assert import_cell("'quoted") == "'quoted"


def test_csv_reads_excels_utf8_with_a_byte_order_mark():
    dataset = CSV().create_dataset(csv_file([["slug", "name_th"], ["a", "อำนาจ"]]))

    assert dataset.headers == ["slug", "name_th"]
    assert list(dataset[0]) == ["a", "อำนาจ"]


def test_csv_leaves_out_blank_rows():
    dataset = CSV().create_dataset(csv_file([["slug"], ["a"], [""], ["b"]]))

    assert [row[0] for row in dataset] == ["a", "b"]


def test_csv_that_is_not_utf8_is_refused_with_a_reason():
    with pytest.raises(SpreadsheetError, match="UTF-8"):
        CSV().create_dataset("slug,name_th\na,ไทย\n".encode("cp874"))


def test_csv_with_a_formula_is_refused_naming_the_cell():
    with pytest.raises(SpreadsheetError, match="B3"):
        CSV().create_dataset(csv_file([["slug", "name_th"], ["a", "x"], ["b", "=1+1"]]))


def test_binary_bytes_are_not_a_csv_file():
    with pytest.raises(SpreadsheetError):
        CSV().create_dataset(b"\x00\x01\x02PK\x03\x04")


def test_xlsx_reads_the_first_sheet_and_keeps_the_others_by_title():
    data = workbook(projects=[["slug"], ["p-1"]], subprojects=[["project", "order"], ["p-1", 1]])

    dataset = XLSX().create_dataset(data)

    assert [row[0] for row in dataset] == ["p-1"]
    assert list(dataset.sheets["subprojects"][0]) == ["p-1", 1]


def test_xlsx_formula_cell_is_refused_naming_the_sheet_and_cell():
    data = workbook(cities=[["slug", "name_th"], ["a", '=HYPERLINK("http://x")']])

    with pytest.raises(SpreadsheetError, match="cities!B2"):
        XLSX().create_dataset(data)


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(SpreadsheetError, match="xlsx"):
        XLSX().create_dataset(b"slug,name\na,b\n")


@override_settings(WECITIZENS_MAX_SPREADSHEET_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(SpreadsheetError, match="larger"):
        CSV().create_dataset(csv_file([["slug"], *[["x" * 100] for _ in range(20)]]))


@override_settings(WECITIZENS_MAX_SPREADSHEET_ROWS=3)
@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_a_file_over_the_row_limit_is_refused(file_format):
    rows = [["slug"], *[[f"s-{n}"] for n in range(5)]]
    data = csv_file(rows) if file_format is CSV else workbook(cities=rows)

    with pytest.raises(SpreadsheetError, match="3 rows"):
        file_format().create_dataset(data)


@override_settings(WECITIZENS_MAX_SPREADSHEET_UNPACKED_BYTES=10_000)
def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read():
    data = workbook(cities=[["slug"], *[["ก" * 1000] for _ in range(50)]])

    with pytest.raises(SpreadsheetError, match="unpacks"):
        XLSX().create_dataset(data)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2024-10-25", datetime.date(2024, 10, 25)),
        ("25/10/2567", datetime.date(2024, 10, 25)),
        ("29/02/2567", datetime.date(2024, 2, 29)),
        (datetime.datetime(2024, 10, 25), datetime.date(2024, 10, 25)),
        (datetime.datetime(2567, 10, 25), datetime.date(2024, 10, 25)),
    ],
)
def test_dates_are_read_as_the_admin_reads_them_buddhist_era_included(typed, stored):
    assert DateWidget().clean(typed) == stored


def test_an_unreadable_date_says_how_to_write_one():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        DateWidget().clean("next Tuesday")


@pytest.mark.parametrize(("typed", "stored"), [(2564, 2021), ("2021", 2021), (2021.0, 2021)])
def test_years_in_the_buddhist_era_are_stored_common_era(typed, stored):
    assert YearWidget().clean(typed) == stored


@pytest.mark.parametrize("typed", ["maybe", "2.5"])
def test_a_yes_or_no_cell_never_reads_an_unknown_value_as_no(typed):
    with pytest.raises(ValueError):
        BooleanWidget().clean(typed)


@pytest.mark.parametrize(
    ("typed", "stored"), [("1", True), (0, False), ("ใช่", True), ("no", False)]
)
def test_yes_or_no_cells(typed, stored):
    assert BooleanWidget().clean(typed) is stored


def test_every_model_with_a_spreadsheet_is_found_by_its_sheet_or_model_name():
    assert set(spreadsheets.sheet_resources()) == {
        "cities",
        "people",
        "projects",
        "subprojects",
        "milestones",
    }
    assert spreadsheets.sheet_resource("city") is spreadsheets.sheet_resource("cities")


def test_a_column_without_a_name_is_named_by_its_letter():
    dataset = CSV().create_dataset(csv_file([["slug", "", "name_th"], ["a", "x", "ก"]]))

    assert dataset.headers == ["slug", "(no name, column B)", "name_th"]
