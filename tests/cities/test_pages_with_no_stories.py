"""A city page that has no story yet still tells readers what is known, and leaves out what
is not known instead of showing a placeholder."""

import io

import pytest
from django.core.management import call_command

from cities.models import City, Programme
from tests.factories import (
    CityFactory,
    ProgrammeFactory,
    ProgrammeMembershipFactory,
    StoryFactory,
)
from tests.pages import url_in

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def seeded():
    call_command("load_content", stdout=io.StringIO())


def test_thai_city_page_names_its_programmes_with_buddhist_era_years(client, seeded):
    html = page(client, url_in("th", "cities:city_detail", slug="chiang-mai"))

    assert "การพัฒนาเมืองแห่งการเรียนรู้ (Learning City)" in html
    assert "2563–2564" in html
    assert "2565–2566" in html
    assert "2020–2021" not in html


def test_english_city_page_shows_common_era_years(client, seeded):
    html = page(client, url_in("en", "cities:city_detail", slug="chiang-mai"))

    assert "Learning City development" in html
    assert "2020–2021" in html


def test_city_page_without_stories_shows_no_placeholder(client, seeded):
    html = page(client, url_in("th", "cities:city_detail", slug="lampang"))

    assert "ยังไม่มีเรื่องราวของเมืองนี้" not in html
    assert 'id="stories-heading"' not in html


def test_city_page_lists_the_other_cities_of_its_region(client, seeded):
    response = client.get(url_in("en", "cities:city_detail", slug="chiang-mai"))

    neighbours = {city.slug for city in response.context["neighbours"]}
    assert neighbours == {"lampang", "phayao"}
    assert "/en/cities/lampang/" in response.content.decode()


def test_city_page_maps_its_research_area_with_one_marker(client, seeded):
    html = page(client, url_in("th", "cities:city_detail", slug="chiang-mai"))
    assert 'data-map-url="/cities/map.json?city=chiang-mai"' in html
    assert "vendor/leaflet/leaflet.js" in html

    markers = client.get("/cities/map.json?city=chiang-mai").json()["markers"]
    assert [marker["url"] for marker in markers] == ["/cities/chiang-mai/"]


def test_city_page_without_coordinates_has_no_map(client):
    city = CityFactory(latitude=None, longitude=None)

    html = page(client, city.get_absolute_url())

    assert "city-map" not in html
    assert "leaflet" not in html


def test_city_page_keeps_its_feed_link(client, seeded):
    html = page(client, url_in("th", "cities:city_detail", slug="lampang"))

    assert url_in("th", "feeds:city_rss", slug="lampang") in html


def test_city_page_invites_stories_through_the_programmes_contact(client):
    programme = ProgrammeFactory(
        contact_email="stories@example.org",
        contact_url="https://example.org/propose",
        contact_text_th="ส่งเรื่องเล่าของเมืองมาที่ทีมงาน",
        contact_text_en="Send the team a story from the city.",
    )
    membership = ProgrammeMembershipFactory(programme=programme)

    thai = page(client, membership.city.get_absolute_url())
    english = page(client, url_in("en", "cities:city_detail", slug=membership.city.slug))

    assert 'href="mailto:stories@example.org"' in thai
    assert 'href="https://example.org/propose"' in thai
    assert "ส่งเรื่องเล่าของเมืองมาที่ทีมงาน" in thai
    assert "Send the team a story from the city." in english


def test_city_page_without_a_contact_leaves_the_invitation_out(client):
    membership = ProgrammeMembershipFactory()

    html = page(client, membership.city.get_absolute_url())

    assert 'id="contribute-heading"' not in html
    assert "mailto:" not in html


def test_programme_contact_is_editable_in_the_admin(admin_client):
    programme = ProgrammeFactory()

    html = page(admin_client, f"/admin/cities/programme/{programme.pk}/change/")

    for name in ("contact_email", "contact_url", "contact_text_th", "contact_text_en"):
        assert f'name="{name}"' in html


def test_seed_sets_no_invented_contact(seeded):
    assert not any(programme.has_contact for programme in Programme.objects.all())


def test_unpublished_neighbours_are_not_listed(client):
    city = CityFactory()
    CityFactory(is_published=False, slug="hidden-city")

    response = client.get(city.get_absolute_url())

    assert list(response.context["neighbours"]) == []


def test_stories_still_show_on_a_city_with_stories(client):
    story = StoryFactory()

    html = page(client, story.city.get_absolute_url())

    assert 'id="stories-heading"' in html
    assert story.get_absolute_url() in html
    assert City.objects.count() == 1
