import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cities.models import City
from core.spreadsheets import XLSX
from tests.factories import CityFactory
from tests.sheets import csv_file, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Commands speak the active language: these tests read their English."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(tmp_path, capsys, extension):
    CityFactory(slug="nan", summary_th="=cmd|' /C calc'!A0")
    path = tmp_path / f"cities.{extension}"

    call_command("export", "cities", "-o", str(path))
    call_command("import", "cities", str(path))

    assert "0 new, 0 changed and 1 unchanged" in capsys.readouterr().out
    assert City.objects.get().summary_th == "=cmd|' /C calc'!A0"


def test_export_format_option_wins_over_the_extension(tmp_path):
    CityFactory(slug="nan")
    path = tmp_path / "cities.out"

    call_command("export", "city", "--format", "xlsx", "-o", str(path))

    assert rows_of(path.read_bytes(), XLSX)[1][0] == "nan"


def test_a_dry_run_shows_each_rows_change_and_writes_nothing(tmp_path, capsys):
    CityFactory(slug="nan", name_en="Old")
    path = tmp_path / "cities.csv"
    path.write_bytes(
        csv_file(
            [
                ["slug", "name_en", "name_th", "region"],
                ["nan", "Nan", "เมืองน่าน", "north"],
                ["phrae", "Phrae", "แพร่", "north"],
            ]
        )
    )

    call_command("import", "cities", str(path), "--dry-run")

    out = capsys.readouterr().out
    assert "Row 2:" in out and "name_en" in out
    assert "Row 3:" in out
    assert City.objects.get().name_en == "Old"


def test_an_import_with_a_bad_row_fails_listing_it_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "cities.csv"
    path.write_bytes(
        csv_file([["slug", "name_th", "region"], ["nan", "น่าน", "north"], ["x", "", "nowhere"]])
    )

    with pytest.raises(CommandError):
        call_command("import", "cities", str(path))

    assert "Row 3: region:" in capsys.readouterr().err
    assert not City.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["atlantis", "x.csv"], "Unknown model"),
        (["cities", "missing.csv"], "Cannot read"),
        (["cities", "cities.txt"], ".xlsx or .csv"),
    ],
)
def test_import_refuses_what_it_cannot_do_with_a_reason(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import", args[0], str(tmp_path / args[1]))


def test_import_refuses_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "cities.xlsx"
    path.write_bytes(b"not a workbook")

    with pytest.raises(CommandError, match="xlsx"):
        call_command("import", "cities", str(path))
