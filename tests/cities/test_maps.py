import importlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import CityFactory, ProgrammeMembershipFactory
from tests.pages import parse, url_in

pytestmark = pytest.mark.django_db


def map_data(client, language="th", **params):
    response = client.get(url_in(language, "cities:city_map"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def placed_city(**kwargs):
    return CityFactory(latitude=Decimal("18.79"), longitude=Decimal("98.98"), **kwargs)


def test_the_map_has_one_marker_per_published_city_with_coordinates(client):
    placed_city(slug="chiang-mai", name_th="เชียงใหม่")
    placed_city(is_published=False)
    CityFactory(latitude=None, longitude=None)

    markers = map_data(client)["markers"]

    assert [(m["name"], m["url"], m["region"]) for m in markers] == [
        ("เชียงใหม่", "/cities/chiang-mai/", "north")
    ]


def test_english_map_data_names_and_links_cities_in_english(client):
    placed_city(slug="chiang-mai", name_th="เชียงใหม่", name_en="Chiang Mai")
    placed_city(slug="roi-et", name_th="ร้อยเอ็ด", name_en="")

    markers = map_data(client, "en")["markers"]

    assert sorted((m["name"], m["lang"], m["url"]) for m in markers) == [
        ("Chiang Mai", "en", "/en/cities/chiang-mai/"),
        ("ร้อยเอ็ด", "th", "/en/cities/roi-et/"),
    ]


def test_map_data_follows_the_city_lists_region_and_programme_filters(client):
    north = placed_city(region="north")
    south = placed_city(region="south")
    member = ProgrammeMembershipFactory(city=south)

    def names(**params):
        return {m["url"] for m in map_data(client, **params)["markers"]}

    assert names(region="north") == {north.get_absolute_url()}
    assert names(programme=member.programme.slug) == {south.get_absolute_url()}
    assert names(region="nowhere") == {north.get_absolute_url(), south.get_absolute_url()}


def test_map_legend_lists_the_regions_present_in_region_order(client):
    placed_city(region="south")
    placed_city(region="north")

    legend = map_data(client)["legend"]

    assert [(entry["region"], entry["name"]) for entry in legend] == [
        ("north", "ภาคเหนือ"),
        ("south", "ภาคใต้"),
    ]


def test_the_city_list_points_the_map_at_its_own_filters(client):
    member = ProgrammeMembershipFactory(city=placed_city())

    page = client.get(
        "/cities/", {"region": "north", "programme": member.programme.slug, "page": "2"}
    ).content.decode()

    query = f"region=north&amp;programme={member.programme.slug}"
    assert f'data-map-url="/cities/map.json?{query}"' in page


def test_map_data_costs_the_same_queries_for_few_and_many_cities(assert_queries_do_not_grow):
    def add_cities(count):
        for _ in range(count):
            placed_city()

    assert_queries_do_not_grow(url_in("th", "cities:city_map"), add_cities, budget=2)


def test_markers_are_coloured_by_region(client):
    placed_city(region="north")
    placed_city(region="south")

    colours = {m["region"]: m["colour"] for m in map_data(client)["markers"]}

    assert colours["north"] != colours["south"]


def test_the_tile_server_and_its_attribution_are_settings(client, settings):
    settings.WECITIZENS_MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.WECITIZENS_MAP_TILE_ATTRIBUTION = "© Example"
    placed_city()

    tiles = map_data(client)["tiles"]

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
    assert map_scripts == [
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster-src.js",
        "/static/js/city-map.js",
    ]


def test_the_map_draws_thailand_from_a_file_the_site_serves(client):
    placed_city()

    canvas = next(
        attrs for tag, attrs in parse(client.get("/")).elements if attrs.get("id") == "city-map"
    )

    assert canvas["data-base-url"] == "/static/map/thailand.geojson"


def test_the_base_layer_file_holds_every_province_and_the_outline():
    path = finders.find("map/thailand.geojson")
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]

    provinces = [f for f in features if f["properties"]["kind"] == "province"]
    assert len(provinces) == 77
    assert {f["properties"]["kind"] for f in features} == {"province", "outline"}
    assert Path(path).stat().st_size < 100_000


def test_without_a_tile_server_the_map_names_only_its_own_boundaries(client):
    placed_city()

    data = map_data(client)

    assert data["tiles"]["url"] == ""
    assert "Natural Earth" in data["labels"]["baseAttribution"]
    assert "OpenStreetMap" not in json.dumps(data)


def csp_with_tile_server(monkeypatch, url):
    """The Content-Security-Policy the settings build with WECITIZENS_MAP_TILE_URL=url."""
    import config.settings.base as base_settings

    monkeypatch.setenv("WECITIZENS_MAP_TILE_URL", url)
    try:
        return importlib.reload(base_settings).CONTENT_SECURITY_POLICY
    finally:
        monkeypatch.delenv("WECITIZENS_MAP_TILE_URL")
        importlib.reload(base_settings)


def image_sources(response):
    header = response.headers["Content-Security-Policy"]
    directive = next(d for d in header.split(";") if d.strip().startswith("img-src"))
    return directive.split()[1:]


def test_without_a_tile_server_the_csp_allows_no_outside_image_host(client):
    placed_city()

    assert image_sources(client.get("/")) == ["'self'", "data:"]


def test_with_a_tile_server_the_csp_allows_exactly_its_host(client, settings, monkeypatch):
    url = "https://tiles.example.org/osm/{z}/{x}/{y}.png"
    settings.CONTENT_SECURITY_POLICY = csp_with_tile_server(monkeypatch, url)
    settings.WECITIZENS_MAP_TILE_URL = url
    placed_city()

    assert image_sources(client.get("/")) == ["'self'", "data:", "https://tiles.example.org"]


def test_a_tile_server_with_subdomains_allows_each_of_them(client, settings, monkeypatch):
    url = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    settings.CONTENT_SECURITY_POLICY = csp_with_tile_server(monkeypatch, url)

    assert image_sources(client.get("/cities/"))[2:] == [
        f"https://{s}.tiles.example.org" for s in "abc"
    ]


def test_without_placed_cities_the_map_has_no_markers_but_the_page_lists_cities(client):
    CityFactory(name_th="ลำปาง", latitude=None, longitude=None)

    assert map_data(client)["markers"] == []
    assert "ลำปาง" in client.get("/cities/").content.decode()
    assert "ลำปาง" in client.get("/").content.decode()


def test_the_map_labels_follow_the_page_language(client):
    placed_city()

    labels = map_data(client, "en")["labels"]

    assert labels["zoomIn"] == "Zoom in"
