import datetime

import pytest
from django.utils import timezone

from cities.models import Region
from stories.models import StoryKind
from tests.factories import CityFactory, PersonFactory, StoryFactory, StoryPersonFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db


def listed(client, language="th", **params):
    response = client.get(url_in(language, "stories:story_list"), params)
    assert response.status_code == 200
    return set(response.context["stories"])


def in_year(year):
    return timezone.make_aware(datetime.datetime(year, 6, 1, 12))


def test_filters_by_region(client):
    south = StoryFactory(city=CityFactory(region=Region.SOUTH))
    StoryFactory(city=CityFactory(region=Region.NORTH))

    assert listed(client, region="south") == {south}


def test_filters_by_person(client):
    story = StoryFactory()
    person = PersonFactory()
    StoryPersonFactory(story=story, person=person)
    StoryFactory()

    assert listed(client, person=person.slug) == {story}


def test_filters_by_year(client):
    old = StoryFactory(published_at=in_year(2021))
    StoryFactory(published_at=in_year(2024))

    assert listed(client, year="2021") == {old}


def test_year_filter_reads_a_buddhist_era_year(client):
    old = StoryFactory(published_at=in_year(2021))
    StoryFactory(published_at=in_year(2024))

    assert listed(client, year="2564") == {old}


def test_filters_combine(client):
    city = CityFactory(region=Region.SOUTH)
    match = StoryFactory(city=city, kind=StoryKind.NEWS, published_at=in_year(2024))
    StoryFactory(city=city, kind=StoryKind.ESSAY, published_at=in_year(2024))
    StoryFactory(city=city, kind=StoryKind.NEWS, published_at=in_year(2023))

    assert listed(client, region="south", kind="news", year="2024") == {match}


@pytest.mark.parametrize("language", ["th", "en"])
def test_filters_combine_with_search(client, language):
    city = CityFactory()
    match = StoryFactory(city=city, title_th="ตลาดน้ำ", title_en="Floating market")
    StoryFactory(city=city, title_th="เรื่องอื่น", title_en="Another")
    StoryFactory(title_th="ตลาดน้ำ", title_en="Floating market")

    query = "ตลาดน้ำ" if language == "th" else "floating market"
    assert listed(client, language, city=city.slug, q=query) == {match}


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"person": "nobody"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"year": "-5"},
        {"year": "1066"},
        {"person": "p\x00"},
        {"q": "x" * 10_000},
        {"q": "\x00"},
    ],
    ids=[
        "region",
        "person",
        "year-text",
        "year-huge",
        "year-negative",
        "year-too-early",
        "person-nul",
        "search-long",
        "search-nul",
    ],
)
def test_unknown_filter_values_are_ignored(client, params):
    stories = set(StoryFactory.create_batch(2))

    assert listed(client, **params) == stories


def test_pagination_links_keep_the_filters(client):
    StoryFactory.create_batch(13, kind=StoryKind.NEWS)

    response = client.get(url_in("th", "stories:story_list"), {"kind": "news", "region": "north"})

    assert "kind=news&amp;region=north&amp;page=2" in response.content.decode()


def test_selected_filters_are_shown_selected(client):
    story = StoryFactory(published_at=in_year(2024))

    content = client.get(
        url_in("th", "stories:story_list"), {"year": "2024", "city": story.city.slug}
    ).content.decode()

    assert '<option value="2024" selected>2567</option>' in content
    assert f'<option value="{story.city.slug}" selected>' in content


def test_year_options_show_the_common_era_on_english_pages(client):
    StoryFactory(published_at=in_year(2024))

    content = client.get(url_in("en", "stories:story_list")).content.decode()

    assert '<option value="2024">2024</option>' in content


def test_filtered_list_query_count_does_not_grow(assert_queries_do_not_grow):
    city = CityFactory(region=Region.SOUTH)
    person = PersonFactory()

    def add_stories(count):
        for story in StoryFactory.create_batch(count, city=city, tags=["ข่าว"]):
            StoryPersonFactory(story=story, person=person)

    url = (
        url_in("th", "stories:story_list")
        + f"?city={city.slug}&region=south&kind=article&person={person.slug}&q=เรื่อง"
    )
    assert_queries_do_not_grow(url, add_stories)


@pytest.mark.parametrize("language", ["th", "en"])
def test_search_narrows_the_list_to_a_bounded_number_of_stories(client, monkeypatch, language):
    monkeypatch.setattr("search.query.MAX_COUNT", 3)
    StoryFactory.create_batch(5, title_th="ตลาดน้ำ", title_en="Floating market")

    response = client.get(url_in(language, "stories:story_list"), {"q": "ตลาดน้ำ"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 3
    # The reader is told, and pointed to the search page's best matches.
    assert response.context["search_is_capped"]
    search_url = url_in(language, "search:search")
    assert f'href="{search_url}?q=%E0%B8%95' in response.content.decode()


def test_a_search_under_the_bound_lists_every_match_without_a_notice(client, monkeypatch):
    monkeypatch.setattr("search.query.MAX_COUNT", 3)
    StoryFactory.create_batch(2, title_th="ตลาดน้ำ")

    response = client.get(url_in("th", "stories:story_list"), {"q": "ตลาดน้ำ"})

    assert response.context["paginator"].count == 2
    assert not response.context["search_is_capped"]
    assert url_in("th", "search:search") + "?q=" not in response.content.decode()
