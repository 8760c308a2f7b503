"""How long a 1,000-row spreadsheet takes to import.

    .venv/bin/python bench/spreadsheets.py [--rows 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/spreadsheets.py

Builds, in a throwaway test database, 20 research projects, then files (XLSX and CSV) of
`--rows` people and of `--rows` sub-projects spread over the projects, with Thai and English
text, and times what the admin and `manage.py import` do with them: reading the file, the dry
run (the admin's preview), the import itself (new rows), and importing the same file again
(every row unchanged). Each figure is the wall time of one run, the best of three. Figures of
record are in docs/spreadsheets.md.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    # A database of its own, never the test suite's, which someone may be running.
    if connection.vendor != "sqlite":
        connection.settings_dict["TEST"]["NAME"] = "wecitizens_spreadsheet_bench"
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection, name


def _people(rows):
    header = ["slug", "honorific_th", "name_th", "name_en", "role_th", "affiliation_th", "city"]
    return [header] + [
        [
            f"person-{n}",
            "ผศ. ดร.",
            f"ชัญญรินทร์ ใจดี {n}",
            f"Chanyarin Jaidee {n}",
            "นักวิจัยโครงการย่อย",
            "มหาวิทยาลัยราชภัฏ",
            "bench-city",
        ]
        for n in range(rows)
    ]


def _subprojects(rows):
    header = ["project", "order", "title_th", "title_en", "summary_th"]
    return [header] + [
        [
            f"project-{n % 20}",
            n // 20 + 1,
            f"การพัฒนาพื้นที่การเรียนรู้ของชุมชนในเมือง ลำดับ {n}",
            f"Developing the community's learning spaces, {n}",
            "สรุปงานวิจัยของโครงการย่อยที่ทำร่วมกับชุมชนและเทศบาล",
        ]
        for n in range(rows)
    ]


def _best_of(times, action):
    best = None
    for _ in range(times):
        started = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def _time_case(resource_class, model, file_format, data, rows):
    """Read, dry run, import anew, import unchanged: each the best of three, formatted."""
    from django.db import transaction

    from core.spreadsheets import import_succeeded

    read, dataset = _best_of(3, lambda: file_format().create_dataset(data))

    def run(dry_run):
        result = resource_class().import_data(dataset, dry_run=dry_run)
        assert import_succeeded(result), "the benchmark's file must import"
        return result

    def fresh(dry_run):
        with transaction.atomic():
            model.objects.all().delete()
        return run(dry_run)

    dry, _ = _best_of(3, lambda: fresh(True))
    imported, _ = _best_of(3, lambda: fresh(False))
    again, result = _best_of(3, lambda: run(False))
    assert result.totals["skip"] == rows
    return [f"{read:6.2f}", f"{dry:8.2f}", f"{imported:7.2f}", f"{again:6.2f}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    connection, _name = _setup()
    try:
        from core.spreadsheets import CSV, XLSX
        from projects.models import Person, SubProject
        from projects.resources import PersonResource, SubProjectResource
        from tests.factories import CityFactory, ProgrammeFactory, ResearchProjectFactory
        from tests.sheets import csv_file, workbook

        programme = ProgrammeFactory()
        CityFactory(slug="bench-city")
        for n in range(20):
            ResearchProjectFactory(slug=f"project-{n}", programme=programme, number=n + 1)

        print(f"{connection.vendor}, {args.rows} rows, best of 3 (seconds)")
        print("dry run and import: new rows; again: the same file, every row unchanged")
        print(f"{'sheet':12} {'format':6} {'read':>6} {'dry run':>8} {'import':>7} {'again':>6}")
        cases = [
            ("people", PersonResource, Person, _people(args.rows)),
            ("subprojects", SubProjectResource, SubProject, _subprojects(args.rows)),
        ]
        for name, resource_class, model, rows in cases:
            for file_format, data in (
                (XLSX, workbook(**{name: rows})),
                (CSV, csv_file(rows)),
            ):
                figures = _time_case(resource_class, model, file_format, data, args.rows)
                print(f"{name:12} {file_format.__name__:6} " + " ".join(figures))
    finally:
        connection.creation.destroy_test_db(_name, verbosity=0)


if __name__ == "__main__":
    main()
