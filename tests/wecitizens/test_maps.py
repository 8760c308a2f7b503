import json
import re
from decimal import Decimal

import pytest

from tests.factories import CityFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db


def map_data(response):
    match = re.search(
        r'<script id="city-map-data" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1)) if match else None


def placed_city(**kwargs):
    return CityFactory(latitude=Decimal("18.79"), longitude=Decimal("98.98"), **kwargs)


@pytest.mark.parametrize("url", ["/", "/cities/"])
def test_the_map_has_one_marker_per_published_city_with_coordinates(client, url):
    placed_city(slug="chiang-mai", name_th="เชียงใหม่")
    placed_city(is_published=False)
    CityFactory(latitude=None, longitude=None)

    markers = map_data(client.get(url))["markers"]

    assert [(m["name"], m["url"], m["region"]) for m in markers] == [
        ("เชียงใหม่", "/cities/chiang-mai/", "north")
    ]


def test_markers_are_coloured_by_region(client):
    placed_city(region="north")
    placed_city(region="south")

    colours = {m["region"]: m["colour"] for m in map_data(client.get("/cities/"))["markers"]}

    assert colours["north"] != colours["south"]


def test_the_tile_server_and_its_attribution_are_settings(client, settings):
    settings.WECITIZENS_MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.WECITIZENS_MAP_TILE_ATTRIBUTION = "© Example"
    placed_city()

    tiles = map_data(client.get("/"))["tiles"]

    assert (tiles["url"], tiles["attribution"]) == (
        "https://tiles.example/{z}/{x}/{y}.png",
        "© Example",
    )


def test_the_map_script_is_a_static_file_not_inline(client):
    placed_city()

    scripts = [attrs for tag, attrs in parse(client.get("/")).elements if tag == "script"]

    code = [s for s in scripts if s.get("type") not in ("application/json", "application/ld+json")]
    sources = [s.get("src") for s in code]
    assert None not in sources  # every script is a file: no inline code
    map_scripts = [src for src in sources if "leaflet" in src or "city-map" in src]
    assert map_scripts == ["/static/vendor/leaflet/leaflet.js", "/static/js/city-map.js"]


def test_without_placed_cities_the_page_has_no_map_but_still_lists_cities(client):
    CityFactory(name_th="ลำปาง", latitude=None, longitude=None)

    response = client.get("/cities/")

    assert map_data(response) is None
    assert "ลำปาง" in response.content.decode()


def test_the_map_labels_follow_the_page_language(client):
    placed_city()

    labels = map_data(client.get("/en/"))["labels"]

    assert labels["zoomIn"] == "Zoom in"
