import csv
import io

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cities.models import Region
from stories.models import StoryKind
from tags.models import Tag
from tags.slugs import TAG_SLUG_PATTERN
from tests.factories import (
    CityFactory,
    PersonFactory,
    ProgrammeMembershipFactory,
    ResearchProjectFactory,
    StoryFactory,
    StoryPersonFactory,
    SubProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

RESOURCES = ["programmes", "cities", "projects", "subprojects", "people", "stories"]


def get(client, resource, **params):
    response = client.get(f"/api/{resource}/", params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(payload):
    return [row["slug"] for row in payload["results"]]


def csv_rows(client, resource, **params):
    response = client.get(f"/api/{resource}.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def hidden(site):
    """Unpublished objects of every kind, linked to the published site."""
    hidden_city = CityFactory(is_published=False, slug="hidden-city")
    hidden_person = PersonFactory(is_published=False, slug="hidden-person")
    hidden_project = ResearchProjectFactory(
        is_published=False, slug="hidden-project", lead=hidden_person
    )
    SubProjectFactory(project=hidden_project, title_th="โครงการย่อยลับ", title_en="Hidden sub")
    draft = StoryFactory(draft=True, slug="draft-story", projects=[hidden_project])
    StoryFactory(scheduled=True, slug="scheduled-story")
    StoryFactory(city=hidden_city, slug="story-in-hidden-city")
    ResearchProjectFactory(city=hidden_city, slug="project-in-hidden-city")
    StoryPersonFactory(story=site.story, person=hidden_person)
    site.story.projects.add(hidden_project)
    site.project.lead = hidden_person
    site.project.save()
    return [hidden_city, hidden_person, hidden_project, draft]


def test_every_list_answers_json_in_both_languages(client, site):
    for resource in RESOURCES:
        payload = get(client, resource)
        assert payload["count"] == 1, resource
        assert set(payload) == {"count", "next", "previous", "results"}


def test_city_names_come_in_thai_and_english(client, site):
    (city,) = get(client, "cities")["results"]

    assert city["name"] == {"th": "เชียงใหม่", "en": "Chiang Mai"}
    assert city["url"] == {
        "th": "http://testserver/cities/chiang-mai/",
        "en": "http://testserver/en/cities/chiang-mai/",
    }
    assert [membership["programme"] for membership in city["programmes"]] == [site.programme.slug]


def test_missing_english_is_an_empty_string(client):
    StoryFactory(title_en="")

    (story,) = get(client, "stories")["results"]

    assert story["title"]["en"] == ""
    assert story["title"]["th"]


def test_story_payload_links_by_slug(client, site):
    (story,) = get(client, "stories")["results"]

    assert story["city"] == site.city.slug
    assert story["projects"] == [site.project.slug]
    assert story["people"] == [site.person.slug]
    assert story["tags"] == [site.tag.name]
    assert story["kind"] == site.story.kind


@pytest.mark.parametrize("resource", RESOURCES)
def test_nothing_unpublished_appears_in_the_json(client, site, hidden, resource):
    text = client.get(f"/api/{resource}/").content.decode()

    for slug in ("hidden-city", "hidden-person", "hidden-project", "draft-story"):
        assert slug not in text
    assert "scheduled-story" not in text and "story-in-hidden-city" not in text
    assert "project-in-hidden-city" not in text and "Hidden sub" not in text


@pytest.mark.parametrize("resource", RESOURCES)
def test_nothing_unpublished_appears_in_the_csv(client, site, hidden, resource):
    text = client.get(f"/api/{resource}.csv").content.decode("utf-8-sig")

    for slug in ("hidden-city", "hidden-person", "hidden-project", "draft-story"):
        assert slug not in text
    assert "scheduled-story" not in text and "Hidden sub" not in text


def test_no_personal_data_beyond_the_pages(client):
    author = UserFactory(username="reporter", email="reporter@example.org")
    StoryFactory(author=author)

    text = "".join(
        client.get(f"/api/{resource}/").content.decode()
        + client.get(f"/api/{resource}.csv").content.decode()
        for resource in RESOURCES
    )

    assert "reporter" not in text
    assert "@" not in text


@pytest.mark.parametrize(
    ("resource", "params", "expected"),
    [
        ("cities", {"region": "south"}, ["south-city"]),
        ("cities", {"programme": "ciap"}, ["south-city"]),
        ("projects", {"city": "south-city"}, ["south-project"]),
        ("projects", {"region": "south"}, ["south-project"]),
        ("projects", {"programme": "ciap"}, ["south-project"]),
        ("projects", {"tag": "rice"}, ["south-project"]),
        ("people", {"city": "south-city"}, ["south-person"]),
        ("stories", {"city": "south-city"}, ["south-story"]),
        ("stories", {"region": "south"}, ["south-story"]),
        ("stories", {"kind": "news"}, ["south-story"]),
        ("stories", {"tag": "rice"}, ["south-story"]),
        ("stories", {"programme": "ciap"}, ["south-story"]),
        ("stories", {"city": "south-city", "kind": "interview"}, []),
        ("stories", {"city": "nowhere"}, []),
    ],
)
def test_lists_filter_like_the_pages(client, site, resource, params, expected):
    city = CityFactory(slug="south-city", region=Region.SOUTH)
    membership = ProgrammeMembershipFactory(city=city, programme__slug="ciap")
    ResearchProjectFactory(
        slug="south-project", city=city, programme=membership.programme, tags=["rice"]
    )
    PersonFactory(slug="south-person", city=city)
    StoryFactory(slug="south-story", city=city, kind=StoryKind.NEWS, tags=["rice"])

    assert slugs(get(client, resource, **params)) == expected


def test_subprojects_filter_by_project(client, site):
    other = SubProjectFactory(project=ResearchProjectFactory(slug="other-project"))

    payload = get(client, "subprojects", project="other-project")

    assert [row["id"] for row in payload["results"]] == [other.pk]
    assert payload["results"][0]["project"] == "other-project"


def test_tag_filter_uses_distinct_thai_slugs(client):
    StoryFactory(slug="rice-story", tags=["ข้าว"])
    StoryFactory(slug="news-story", tags=["ข่าว"])

    payload = get(client, "stories", tag=Tag.objects.get(name="ข้าว").slug)

    assert slugs(payload) == ["rice-story"]


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"kind": "poem"},
        {"city": "<script>"},
        {"city": "x" * 500},
        {"tag": "' OR 1=1 --"},
        {"city": "a\x00b"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"page_size": "0"},
        {"page_size": "1000"},
        {"page_size": "ten"},
    ],
)
def test_bad_query_parameters_are_a_400(client, site, params):
    response = client.get("/api/stories/", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_a_parameter_given_twice_is_named_in_thai_like_the_other_errors(client, site):
    response = client.get("/api/subprojects/", {"page": ["1", "2"]})

    assert response.json() == {"page": ["ระบุพารามิเตอร์นี้ได้เพียงครั้งเดียว"]}


def test_page_past_the_end_is_a_404(client, site):
    assert client.get("/api/stories/", {"page": "2"}).status_code == 404


def test_bad_query_parameters_on_csv_are_a_400(client, site):
    assert client.get("/api/stories.csv", {"region": "atlantis"}).status_code == 400


def test_empty_filters_are_ignored(client, site):
    assert slugs(get(client, "stories", city="", region="", kind="", tag="")) == [site.story.slug]


def test_lists_are_paginated(client):
    for _ in range(3):
        StoryFactory()

    first = get(client, "stories", page_size=2)
    second = get(client, "stories", page_size=2, page=2)

    assert first["count"] == 3
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert first["next"].startswith("http://testserver/api/stories/?")
    assert second["next"] is None
    assert not set(slugs(first)) & set(slugs(second))


def test_csv_has_one_column_per_language(client, site):
    (row,) = csv_rows(client, "cities")

    assert row["slug"] == "chiang-mai"
    assert row["name_th"] == "เชียงใหม่"
    assert row["name_en"] == "Chiang Mai"
    assert row["url_en"] == "http://testserver/en/cities/chiang-mai/"


def test_csv_holds_every_row_not_one_page(client):
    for _ in range(60):
        PersonFactory()

    assert len(csv_rows(client, "people")) == 60


def test_csv_filters_like_the_json(client, site):
    StoryFactory(kind=StoryKind.NEWS, slug="news-story")

    assert [row["slug"] for row in csv_rows(client, "stories", kind="news")] == ["news-story"]


def test_api_is_read_only(client, site):
    assert client.post("/api/stories/", {}).status_code == 405
    assert client.delete("/api/stories/").status_code == 405


def test_schema_is_served_and_describes_every_list(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for resource in RESOURCES:
        assert f"/api/{resource}/" in schema["paths"]
    assert "/api/schema/" not in schema["paths"]


def add_stories(count):
    city = CityFactory()
    for _ in range(count):
        story = StoryFactory(city=city, tags=["ข้าว", "ข่าว"])
        StoryPersonFactory(story=story, person=PersonFactory(city=city))
        story.projects.add(ResearchProjectFactory(city=city))


ROW_MAKERS = {
    "stories": add_stories,
    "cities": lambda n: [ProgrammeMembershipFactory() for _ in range(n)],
    "projects": lambda n: [ResearchProjectFactory(tags=["ข้าว"]) for _ in range(n)],
    "subprojects": lambda n: [SubProjectFactory() for _ in range(n)],
    "people": lambda n: [PersonFactory() for _ in range(n)],
}


@pytest.mark.parametrize("resource", list(ROW_MAKERS))
@pytest.mark.parametrize("address", ["/api/{}/?page_size=200", "/api/{}.csv"])
def test_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, django_assert_num_queries, resource, address
):
    url = address.format(resource)
    ROW_MAKERS[resource](5)
    client.get(url)
    with django_assert_max_num_queries(8) as few:
        assert client.get(url).status_code == 200
    ROW_MAKERS[resource](195)
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_person_in_an_unpublished_city_has_no_city(client):
    PersonFactory(city=CityFactory(is_published=False))

    (person,) = get(client, "people")["results"]

    assert person["city"] is None


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client):
    StoryFactory(title_th='=HYPERLINK("http://example.org","x")')

    (row,) = csv_rows(client, "stories")

    assert row["title_th"] == '\'=HYPERLINK("http://example.org","x")'


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.from_regex(TAG_SLUG_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 120))
def test_every_tag_address_the_schema_allows_is_accepted(client, slug):
    # Marks in any order are read in NFC; a value the schema allows is never a 400.
    assert client.get("/api/stories/", {"tag": slug}).status_code == 200


def test_the_schema_states_the_tag_pattern_the_filter_checks(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    tag = next(
        parameter
        for parameter in schema["paths"]["/api/stories/"]["get"]["parameters"]
        if parameter["name"] == "tag"
    )
    patterns = [choice.get("pattern") for choice in tag["schema"]["anyOf"]]
    assert TAG_SLUG_PATTERN.encode("ascii", "backslashreplace").decode() in patterns
