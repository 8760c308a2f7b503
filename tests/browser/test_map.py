"""The city map in a real browser, and the page without it.

The markers are fetched from /cities/map.json after the page loads, so the tests wait for
them rather than count them at once.
"""

import pytest
from playwright.sync_api import expect

from cities.models import City

pytestmark = pytest.mark.django_db(transaction=True)


def placed_cities():
    return City.objects.published().filter(latitude__isnull=False).count()


def test_the_map_shows_one_marker_per_city(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/")

    assert placed_cities() > 0
    expect(phone_page.locator(".map-marker")).to_have_count(placed_cities())
    expect(phone_page.locator("#city-map-figure")).to_be_visible()
    expect(phone_page.locator("#city-map-legend li").first).to_be_visible()


def test_the_city_lists_map_shows_the_cities_of_the_chosen_region(seeded_live_server, desktop_page):
    desktop_page.goto(seeded_live_server.url + "/cities/?region=north")

    north = City.objects.published().filter(region="north", latitude__isnull=False).count()
    expect(desktop_page.locator(".map-marker")).to_have_count(north)
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
