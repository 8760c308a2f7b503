"""The city map in a real browser, and the page without it.

The markers and Thailand's provinces are fetched after the page loads, so the tests wait for
them rather than count them at once. No tile server is set in the tests (nor by default): the
map draws Thailand from the site's own file.
"""

import pytest
from playwright.sync_api import expect

from cities.models import City
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

MAP_PAGES = ["/", "/cities/", "/cities/chiang-mai/"]
WIDTHS = [390, 1280]


def placed_cities():
    return City.objects.published().filter(latitude__isnull=False)


def cities_on_the_map(page):
    """Cities shown one by one plus those gathered in clusters, once the map has drawn."""
    page.locator(".leaflet-marker-icon").first.wait_for()
    singles = page.locator(".map-marker").count()
    clustered = sum(int(text) for text in page.locator(".map-cluster").all_inner_texts())
    return singles + clustered


def open_page(chromium, url, width):
    """A page at `width` pixels that records every console error and uncaught exception."""
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="th-TH")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return context, page, errors


FOCUSED_MARKER_NAME = """() => {
  const marker = document.activeElement.closest("#city-map .leaflet-marker-icon");
  return marker && marker === document.activeElement ? marker.getAttribute("aria-label") : null;
}"""


def test_the_map_shows_every_city_as_a_marker_or_in_a_cluster(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/")

    assert placed_cities().count() > 0
    expect(phone_page.locator("#city-map-figure")).to_be_visible()
    assert cities_on_the_map(phone_page) == placed_cities().count()
    expect(phone_page.locator("#city-map-legend li").first).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", MAP_PAGES)
def test_without_a_tile_server_the_map_draws_thailand_with_no_console_error(
    seeded_live_server, chromium, screenshot, path, width
):
    context, page, errors = open_page(chromium, seeded_live_server.url + path, width)

    page.locator(".leaflet-marker-icon").first.wait_for()
    expect(page.locator("path.map-province")).to_have_count(77)
    expect(page.locator("path.map-country-outline")).to_have_count(1)
    assert page.locator("path.map-province").first.get_attribute("d")
    expect(page.locator(".leaflet-tile")).to_have_count(0)
    expect(page.locator(".leaflet-control-attribution")).to_have_text("ขอบเขต: Natural Earth")
    page.wait_for_load_state("networkidle")
    screenshot(page, f"map{path.replace('/', '-').rstrip('-')}-{width}")
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", MAP_PAGES)
def test_every_marker_is_reached_by_tab_and_named_for_its_cities(
    seeded_live_server, chromium, path, width
):
    context, page, errors = open_page(chromium, seeded_live_server.url + path, width)
    page.locator(".leaflet-marker-icon").first.wait_for()
    on_map = page.locator("#city-map .leaflet-marker-icon")
    expected = on_map.count()

    names = []
    for _ in range(300):  # the header's links first, then the map's markers in turn
        page.keyboard.press("Tab")
        name = page.evaluate(FOCUSED_MARKER_NAME)
        if name is not None:
            names.append(name)
        elif names:
            break
    context.close()

    assert None not in names and "" not in names
    assert len(set(names)) == expected
    cities = placed_cities()
    if path == "/cities/chiang-mai/":
        cities = cities.filter(slug="chiang-mai")
    for city in cities:
        assert any(city.name_th in name for name in names), city.name_th
    assert errors == []


def test_choosing_a_cluster_with_the_keyboard_zooms_in_to_its_cities(
    seeded_live_server, phone_page
):
    phone_page.goto(seeded_live_server.url + "/")
    cluster = phone_page.locator(".leaflet-marker-icon:has(.map-cluster)").first
    count = cluster.inner_text()
    before = phone_page.locator(".map-marker").count()

    assert cluster.get_attribute("aria-label").startswith(f"{count} เมือง: ")
    cluster.focus()
    phone_page.keyboard.press("Enter")

    expect(phone_page.locator(".map-marker")).not_to_have_count(before)


def test_the_city_lists_map_shows_the_cities_of_the_chosen_region(seeded_live_server, desktop_page):
    desktop_page.goto(seeded_live_server.url + "/cities/?region=north")

    north = placed_cities().filter(region="north").count()
    assert cities_on_the_map(desktop_page) == north
    expect(desktop_page.locator("#city-map-legend li")).to_have_count(1)


def test_a_marker_opens_its_city_page(seeded_live_server, desktop_page):
    desktop_page.goto(seeded_live_server.url + "/cities/?region=north")

    desktop_page.locator(".map-marker").first.click()
    desktop_page.wait_for_url("**/cities/*/")

    assert desktop_page.locator("h1").inner_text() in {"เชียงใหม่", "พะเยา", "ลำปาง"}


def test_a_city_page_maps_only_that_city(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/cities/chiang-mai/")

    expect(phone_page.locator(".map-marker")).to_have_count(1)
    expect(phone_page.locator("#city-map-figure")).to_be_visible()
    expect(phone_page.locator("#city-map-figure figcaption")).to_contain_text("เมืองเชียงใหม่")


def test_without_javascript_the_page_lists_the_cities_and_hides_the_empty_map(
    seeded_live_server, chromium
):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(seeded_live_server.url + "/")

    assert not page.locator("#city-map-figure").is_visible()
    assert page.get_by_role("link", name="เชียงใหม่").first.is_visible()
    context.close()


@pytest.mark.parametrize("path", MAP_PAGES)
def test_axe_finds_no_violation_once_the_map_has_drawn(
    seeded_live_server, phone_page, axe_js, path
):
    phone_page.goto(seeded_live_server.url + path)
    phone_page.locator(".leaflet-marker-icon").first.wait_for()

    assert axe_violations(phone_page, axe_js) == []
