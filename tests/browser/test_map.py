"""The city map in a real browser, and the page without it."""

import pytest

from cities.models import City

pytestmark = pytest.mark.django_db(transaction=True)


def placed_cities():
    return City.objects.published().filter(latitude__isnull=False).count()


def test_the_map_shows_one_marker_per_city(seeded_live_server, phone_page):
    phone_page.goto(seeded_live_server.url + "/")

    assert phone_page.locator("#city-map-figure").is_visible()
    assert phone_page.locator(".map-marker").count() == placed_cities() > 0


def test_a_marker_opens_its_city_page(seeded_live_server, desktop_page):
    desktop_page.goto(seeded_live_server.url + "/cities/?region=north")

    desktop_page.locator(".map-marker").first.click()
    desktop_page.wait_for_url("**/cities/*/")

    assert desktop_page.locator("h1").inner_text() in {"เชียงใหม่", "พะเยา", "ลำปาง"}


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
