import pytest

from cities.models import Region
from projects.models import ProjectStatus
from tests.factories import CityFactory, ProgrammeFactory, ResearchProjectFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db


def listed(client, language="th", **params):
    response = client.get(url_in(language, "projects:project_list"), params)
    assert response.status_code == 200
    return set(response.context["projects"])


@pytest.mark.parametrize("language", ["th", "en"])
def test_project_list_shows_published_projects_in_both_languages(client, language):
    published = ResearchProjectFactory()
    ResearchProjectFactory(is_published=False)
    ResearchProjectFactory(city=CityFactory(is_published=False))

    assert listed(client, language) == {published}


def test_project_list_lives_under_the_english_prefix_too(client):
    assert url_in("th", "projects:project_list") == "/projects/"
    assert url_in("en", "projects:project_list") == "/en/projects/"


def test_project_list_filters_by_programme(client):
    wanted = ResearchProjectFactory()
    ResearchProjectFactory()

    assert listed(client, programme=wanted.programme.slug) == {wanted}


def test_project_list_filters_by_region(client):
    southern = ResearchProjectFactory(city=CityFactory(region=Region.SOUTH))
    ResearchProjectFactory(city=CityFactory(region=Region.NORTH))

    assert listed(client, region="south") == {southern}


def test_project_list_filters_by_status(client):
    planned = ResearchProjectFactory(status=ProjectStatus.PLANNED)
    ResearchProjectFactory(status=ProjectStatus.COMPLETED)

    assert listed(client, status="planned") == {planned}


def test_project_list_ignores_unknown_filter_values(client):
    project = ResearchProjectFactory()

    assert listed(client, region="atlantis", status="x", programme="nope") == {project}


def test_project_list_is_paginated(client):
    programme = ProgrammeFactory()
    ResearchProjectFactory.create_batch(30, programme=programme)

    response = client.get(url_in("en", "projects:project_list"), {"page": 2})

    assert len(response.context["projects"]) == 6
    assert response.context["page_obj"].number == 2


def test_project_list_is_in_the_navigation(client):
    html = client.get(url_in("en", "home")).content.decode()

    assert 'href="/en/projects/"' in html


def test_project_list_is_in_the_sitemap(client):
    ResearchProjectFactory()

    xml = client.get("/sitemap-pages.xml").content.decode()

    assert "/projects/</loc>" in xml
    assert "/en/projects/</loc>" in xml


def test_project_list_costs_the_same_queries_for_5_and_200_projects(
    client, assert_queries_do_not_grow
):
    programme = ProgrammeFactory()
    city = CityFactory()

    def add_rows(count):
        ResearchProjectFactory.create_batch(count, programme=programme, city=city)

    assert_queries_do_not_grow(url_in("th", "projects:project_list"), add_rows)


def test_filtered_project_list_costs_the_same_queries_for_5_and_200_projects(
    client, assert_queries_do_not_grow
):
    programme = ProgrammeFactory()

    def add_rows(count):
        ResearchProjectFactory.create_batch(count, programme=programme)

    url = url_in("en", "projects:project_list") + f"?programme={programme.slug}&region=north"
    assert_queries_do_not_grow(url, add_rows)
