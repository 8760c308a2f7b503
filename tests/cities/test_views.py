import pytest

from cities.models import Region
from cities.views import CITIES_PER_PAGE, PEOPLE_ON_CITY_PAGE
from tests.conftest import QUERY_BUDGET
from tests.factories import (
    CityFactory,
    PersonFactory,
    ProgrammeMembershipFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
    StoryFactory,
    StoryPersonFactory,
    SubProjectFactory,
)
from tests.pages import html_lang, language_of, link_order, url_in

pytestmark = pytest.mark.django_db


def city_list(client, language="th", **params):
    response = client.get(url_in(language, "cities:city_list"), params)
    assert response.status_code == 200
    return response


def listed(response):
    return set(response.context["cities"])


# The city list


@pytest.mark.parametrize("language", ["th", "en"])
def test_city_list_shows_published_cities(client, language):
    published = CityFactory()
    CityFactory(is_published=False)

    assert listed(city_list(client, language)) == {published}


def test_city_list_sorts_thai_names_in_thai_alphabetical_order(client):
    for name in ["ขนม", "เกม", "กา"]:
        CityFactory(name_th=name)

    response = city_list(client, "th")

    assert [city.name_th for city in response.context["cities"]] == ["กา", "เกม", "ขนม"]


def test_city_list_page_shows_cities_in_thai_order(client):
    cities = [CityFactory(name_th=name) for name in ["ขนม", "เกม", "กา"]]
    urls = {city.name_th: city.get_absolute_url() for city in cities}

    order = link_order(city_list(client, "th"), urls.values())

    assert order == [urls["กา"], urls["เกม"], urls["ขนม"]]


def test_english_city_list_sorts_by_english_name(client):
    for thai, english in [("ก", "Yala"), ("ข", "Bangkok"), ("ค", "Lampang")]:
        CityFactory(name_th=thai, name_en=english)

    response = city_list(client, "en")

    assert [city.name_en for city in response.context["cities"]] == ["Bangkok", "Lampang", "Yala"]


def test_city_list_filters_by_region(client):
    north = CityFactory(region=Region.NORTH)
    CityFactory(region=Region.SOUTH)

    assert listed(city_list(client, region="north")) == {north}


def test_city_list_filters_by_programme(client):
    member = ProgrammeMembershipFactory()
    CityFactory()

    assert listed(city_list(client, programme=member.programme.slug)) == {member.city}


@pytest.mark.parametrize(
    "params",
    [{"region": "zzz"}, {"programme": "zzz"}, {"region": "north\x00"}, {"programme": "x" * 5000}],
    ids=["unknown-region", "unknown-programme", "nul-character", "very-long"],
)
def test_city_list_ignores_filter_values_that_match_nothing(client, params):
    cities = {CityFactory(region=Region.NORTH), CityFactory(region=Region.SOUTH)}

    assert listed(city_list(client, **params)) == cities


def test_city_list_counts_only_public_projects_and_stories(client):
    city = CityFactory()
    ResearchProjectFactory(city=city)
    ResearchProjectFactory(city=city, is_published=False)
    StoryFactory(city=city)
    StoryFactory(city=city, draft=True)

    [listed_city] = city_list(client).context["cities"]

    assert (listed_city.project_count, listed_city.story_count) == (1, 1)


def test_city_list_query_count_does_not_grow_with_cities(assert_queries_do_not_grow):
    def add_cities(count):
        for city in CityFactory.create_batch(count):
            ProgrammeMembershipFactory(city=city)
            ResearchProjectFactory(city=city)
            StoryFactory(city=city)

    assert_queries_do_not_grow(url_in("th", "cities:city_list"), add_cities)


def test_city_list_shows_a_page_of_cities_with_the_full_count_and_a_link_to_the_next(client):
    for n in range(CITIES_PER_PAGE + 2):
        CityFactory(name_th=f"เมือง {n:03}")

    first = city_list(client)
    second = city_list(client, page="2")

    assert len(first.context["cities"]) == CITIES_PER_PAGE
    assert [city.name_th for city in second.context["cities"]] == [
        f"เมือง {CITIES_PER_PAGE:03}",
        f"เมือง {CITIES_PER_PAGE + 1:03}",
    ]
    assert f"{CITIES_PER_PAGE + 2} เมือง" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_city_list_pages_keep_the_filters(client):
    for _ in range(CITIES_PER_PAGE + 1):
        CityFactory(region=Region.SOUTH)
    CityFactory(region=Region.NORTH)

    response = city_list(client, region="south")

    assert response.context["paginator"].count == CITIES_PER_PAGE + 1
    assert 'href="?region=south&amp;page=2"' in response.content.decode()


def test_city_list_counts_projects_and_stories_of_the_cities_on_the_page(client):
    cities = [CityFactory(name_th=f"เมือง {n:03}") for n in range(CITIES_PER_PAGE + 1)]
    last = cities[-1]
    ResearchProjectFactory.create_batch(2, city=last)
    StoryFactory.create_batch(3, city=last)

    [listed_city] = city_list(client, page="2").context["cities"]

    assert listed_city == last
    assert (listed_city.project_count, listed_city.story_count) == (2, 3)


def test_city_list_counts_projects_and_stories_once_for_the_page_not_per_city(
    client, django_assert_max_num_queries
):
    CityFactory.create_batch(3)

    with django_assert_max_num_queries(QUERY_BUDGET) as queries:
        city_list(client)

    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 2  # the matching cities; the page's counts


# A city's page


@pytest.mark.parametrize("language", ["th", "en"])
def test_city_page_returns_200(client, language):
    city = CityFactory()

    response = client.get(url_in(language, "cities:city_detail", slug=city.slug))

    assert response.status_code == 200
    assert html_lang(response) == language


def test_unknown_city_is_404(client):
    assert client.get(url_in("th", "cities:city_detail", slug="atlantis")).status_code == 404


def test_unpublished_city_is_404_to_the_public(client):
    city = CityFactory(is_published=False)

    assert client.get(city.get_absolute_url()).status_code == 404


def test_unpublished_city_is_previewed_by_staff(staff_client):
    city = CityFactory(is_published=False)

    response = staff_client.get(city.get_absolute_url())

    assert response.status_code == 200
    assert response.context["is_preview"]
    assert b"preview-banner" in response.content


def test_published_city_has_no_preview_banner_for_staff(staff_client):
    response = staff_client.get(CityFactory().get_absolute_url())

    assert not response.context["is_preview"]
    assert b"preview-banner" not in response.content


def test_city_page_lists_only_public_projects_and_stories(client):
    city = CityFactory()
    project = ResearchProjectFactory(city=city)
    ResearchProjectFactory(city=city, is_published=False)
    story = StoryFactory(city=city)
    StoryFactory(city=city, draft=True)
    StoryFactory(city=city, scheduled=True)

    response = client.get(city.get_absolute_url())

    assert list(response.context["projects"]) == [project]
    assert response.context["stories"] == [story]


def test_city_page_lists_people_of_the_city_and_its_projects(client):
    city = CityFactory()
    resident = PersonFactory(city=city)
    lead = PersonFactory()
    ResearchProjectFactory(city=city, lead=lead)
    PersonFactory(city=city, is_published=False)
    PersonFactory()

    response = client.get(city.get_absolute_url())

    assert set(response.context["people"]) == {resident, lead}


def test_city_page_lists_24_people_research_team_first_and_points_to_the_others(client):
    city = CityFactory()
    lead = PersonFactory(name_th="ฮ หัวหน้า")
    project = ResearchProjectFactory(city=city, lead=lead)
    member = ProjectMemberFactory(project=project, person=PersonFactory(name_th="ฮ ทีม")).person
    residents = [PersonFactory(city=city, name_th=f"ก {n:02}") for n in range(PEOPLE_ON_CITY_PAGE)]
    interviewee = PersonFactory(name_th="ข ผู้ให้สัมภาษณ์")
    StoryPersonFactory(story=StoryFactory(city=city), person=interviewee)

    response = client.get(city.get_absolute_url())

    people = response.context["people"]
    assert len(people) == PEOPLE_ON_CITY_PAGE
    assert people[:3] == [lead, member, residents[0]]
    assert interviewee not in people
    assert f'href="/stories/?city={city.slug}"' in response.content.decode()


def test_city_page_lists_a_person_in_several_groups_once_in_the_first(client):
    city = CityFactory()
    project = ResearchProjectFactory(city=city, lead=PersonFactory(name_th="ฮ หัวหน้า"))
    resident_on_team = PersonFactory(city=city, name_th="ฮ ทีม")
    ProjectMemberFactory(project=project, person=resident_on_team)
    ProjectMemberFactory(project=project, person=project.lead)
    resident = PersonFactory(city=city, name_th="ก คนในเมือง")
    StoryPersonFactory(story=StoryFactory(city=city), person=resident)

    response = client.get(city.get_absolute_url())

    assert response.context["people"] == [project.lead, resident_on_team, resident]


def test_city_page_lists_the_people_its_stories_feature(client):
    city = CityFactory()
    interviewee = StoryPersonFactory(story=StoryFactory(city=city)).person
    StoryPersonFactory(story=StoryFactory(city=city, draft=True))

    response = client.get(city.get_absolute_url())

    assert response.context["people"] == [interviewee]
    assert not response.context["has_more_people"]


def test_english_city_page_shows_untranslated_thai_text_marked_as_thai(client):
    city = CityFactory(name_en="", summary_th="สรุปเรื่องเมือง", summary_en="")

    response = client.get(url_in("en", "cities:city_detail", slug=city.slug))

    assert html_lang(response) == "en"
    assert language_of(response, city.name_th) == "th"
    assert language_of(response, "สรุปเรื่องเมือง") == "th"
    assert language_of(response, "Not yet translated") == "en"


def test_thai_city_page_shows_english_only_text_marked_as_english(client):
    city = CityFactory(name_th="", name_en="Hat Yai", summary_th="", summary_en="A city summary")

    response = client.get(url_in("th", "cities:city_detail", slug=city.slug))

    assert html_lang(response) == "th"
    assert language_of(response, "Hat Yai") == "en"
    assert language_of(response, "A city summary") == "en"
    assert b"untranslated-notice" in response.content


def test_translated_city_page_has_no_untranslated_notice(client):
    city = CityFactory(summary_th="สรุป", summary_en="Summary")

    response = client.get(url_in("en", "cities:city_detail", slug=city.slug))

    assert b"Not yet translated" not in response.content


def test_city_page_query_count_does_not_grow_with_its_content(assert_queries_do_not_grow):
    city = CityFactory()

    def add_content(count):
        for _ in range(count):
            project = ResearchProjectFactory(city=city, untitled=True)
            SubProjectFactory(project=project)
            PersonFactory(city=city)
            ProjectMemberFactory(project=project)
            StoryPersonFactory(story=StoryFactory(city=city))

    assert_queries_do_not_grow(city.get_absolute_url(), add_content)
