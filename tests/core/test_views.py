import pytest

from cities.views import CITIES_PER_REGION_ON_HOME
from core.views import first_rows
from stories.models import Story
from tests.factories import CityFactory, ProgrammeMembershipFactory, StoryFactory
from tests.pages import html_lang, language_links, language_of, url_in

pytestmark = pytest.mark.django_db

OTHER_LANGUAGE = {"th": "en", "en": "th"}


# Every public page, and which object of the `site` fixture it shows (None: a list page).
PAGES = {
    "home": None,
    "cities:city_list": None,
    "cities:city_detail": "city",
    "projects:project_detail": "project",
    "projects:person_detail": "person",
    "stories:story_list": None,
    "stories:story_detail": "story",
    "stories:tag_detail": "tag",
}
PAGE_NAMES = list(PAGES)


def page_url(site, name, language):
    shown = PAGES[name]
    kwargs = {"slug": getattr(site, shown).slug} if shown else {}
    return url_in(language, name, **kwargs)


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_public_page_returns_200(client, site, name, language):
    assert client.get(page_url(site, name, language)).status_code == 200


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_public_page_declares_its_language(client, site, name, language):
    assert html_lang(client.get(page_url(site, name, language))) == language


def test_thai_pages_have_no_prefix_and_english_pages_live_under_en(site):
    assert page_url(site, "cities:city_detail", "th") == "/cities/chiang-mai/"
    assert page_url(site, "cities:city_detail", "en") == "/en/cities/chiang-mai/"


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_language_switcher_links_to_the_same_page_in_the_other_language(
    client, site, name, language
):
    other = OTHER_LANGUAGE[language]

    links = language_links(client.get(page_url(site, name, language)))

    assert links == {other: page_url(site, name, other)}


def test_language_switcher_keeps_the_query_string(client, site):
    response = client.get("/stories/?kind=news&city=chiang-mai")

    assert language_links(response) == {"en": "/en/stories/?kind=news&city=chiang-mai"}


def test_language_switcher_from_english_keeps_the_query_string(client, site):
    response = client.get("/en/cities/?region=north")

    assert language_links(response) == {"th": "/cities/?region=north"}


@pytest.mark.parametrize("language", ["th", "en"])
def test_unknown_address_is_404(client, language):
    prefix = "/en" if language == "en" else ""

    assert client.get(f"{prefix}/no-such-page/").status_code == 404


def test_404_page_declares_the_english_language_under_en(client):
    response = client.get("/en/cities/atlantis/")

    assert response.status_code == 404
    assert html_lang(response) == "en"


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


@pytest.mark.django_db
@pytest.mark.parametrize(("stories", "has_more"), [(2, False), (3, False), (4, True)])
def test_first_rows_reads_one_row_more_to_tell_whether_there_are_more(
    django_assert_num_queries, stories, has_more
):
    StoryFactory.create_batch(stories)

    with django_assert_num_queries(1):
        rows, more = first_rows(Story.objects.order_by("pk"), 3)

    assert rows == list(Story.objects.order_by("pk")[:3])
    assert more is has_more
