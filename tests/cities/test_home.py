import pytest

from cities.views import CITIES_PER_REGION_ON_HOME
from tests.factories import CityFactory, ProgrammeMembershipFactory, StoryFactory
from tests.pages import language_of

pytestmark = pytest.mark.django_db


def test_home_page_lists_public_cities_and_stories(client):
    city = CityFactory()
    CityFactory(is_published=False)
    story = StoryFactory(city=city, is_featured=True)
    StoryFactory(city=city, draft=True)

    response = client.get("/")

    cities = [c for region in response.context["regions"] for c in region.cities]
    assert cities == [city]
    assert list(response.context["latest_stories"]) == [story]
    assert list(response.context["featured_stories"]) == [story]


def test_home_page_groups_cities_by_region_in_region_order(client):
    south = CityFactory(region="south")
    north = CityFactory(region="north")

    with_english = client.get("/en/")

    regions = with_english.context["regions"]
    assert [region.label for region in regions] == ["North", "South"]
    assert [region.cities for region in regions] == [[north], [south]]


def test_home_page_shows_the_first_cities_of_each_region_in_thai_order_and_links_the_rest(
    client,
):
    names = ["ขนม", "เกม", "กา", "คลอง", "งาม", "จันทร์", "ฉาง", "ชล", "ซอง", "ญาติ"]
    for name in names:
        CityFactory(name_th=name, region="north")
    CityFactory(name_th="ปัตตานี", region="south")
    CityFactory(name_th="ลับ", region="north", is_published=False)

    response = client.get("/")

    north, south = response.context["regions"]
    assert [city.name_th for city in north.cities] == [
        "กา", "เกม", "ขนม", "คลอง", "งาม", "จันทร์", "ฉาง", "ชล"
    ]  # fmt: skip
    assert (north.total, south.total) == (10, 1)
    page = response.content.decode()
    assert 'href="/cities/?region=north"' in page
    assert "ทั้ง 10 เมืองในภาคเหนือ" in page
    assert "ซอง" not in page
    assert 'href="/cities/?region=south"' not in page  # its one city is listed


def test_english_home_page_links_all_cities_of_a_region_under_en(client):
    for n in range(CITIES_PER_REGION_ON_HOME + 1):
        CityFactory(name_en=f"City {n:02}", region="east")

    response = client.get("/en/")

    [east] = response.context["regions"]
    assert east.cities[0].name_en == "City 00"
    assert len(east.cities) == CITIES_PER_REGION_ON_HOME
    assert 'href="/en/cities/?region=east"' in response.content.decode()
    assert f"All {CITIES_PER_REGION_ON_HOME + 1} cities in East" in response.content.decode()


def test_home_page_carries_no_map_markers_but_the_address_of_the_map_data(client):
    CityFactory(latitude="18.79", longitude="98.98")

    page = client.get("/").content.decode()

    assert "city-map-data" not in page
    assert 'data-map-url="/cities/map.json"' in page


def test_english_home_page_marks_a_thai_only_city_name(client):
    CityFactory(name_th="ร้อยเอ็ด", name_en="")

    assert language_of(client.get("/en/"), "ร้อยเอ็ด") == "th"


def test_home_page_query_count_does_not_grow_with_cities_and_stories(
    assert_queries_do_not_grow,
):
    def add_content(count):
        for city in CityFactory.create_batch(count):
            ProgrammeMembershipFactory(city=city)
            StoryFactory(city=city, is_featured=True)

    assert_queries_do_not_grow("/", add_content)
