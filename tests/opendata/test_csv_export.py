"""The CSV files a spreadsheet opens: no cell runs as a formula, an empty list keeps its header."""

import csv
import io

import pytest

from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

PAYLOAD = "2+3+cmd|' /C calc'!A0"


def csv_table(client, resource):
    response = client.get(f"/api/{resource}.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_cell_starts_like_a_formula(client, start):
    StoryFactory(title_th=start + PAYLOAD, excerpt_en=start + "1")

    header, row = csv_table(client, "stories")
    cells = dict(zip(header, row, strict=True))

    assert cells["title_th"] == "'" + start + PAYLOAD
    assert cells["excerpt_en"] == "'" + start + "1"


@pytest.mark.parametrize(
    ("resource", "columns"),
    [
        ("subprojects", ["id", "title_th", "title_en", "summary_th", "project", "lead", "order"]),
        ("stories", ["slug", "title_th", "title_en", "published_at", "url_th", "url_en"]),
        ("programmes", ["slug", "name_th", "name_en", "start_year"]),
    ],
)
def test_an_empty_list_still_has_its_header_row(client, resource, columns):
    rows = csv_table(client, resource)

    assert len(rows) == 1
    assert set(columns) <= set(rows[0])
