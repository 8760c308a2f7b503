import itertools

import pytest

from projects.views import PROJECTS_ON_PERSON_PAGE, PROJECTS_PER_PAGE, STORIES_ON_PERSON_PAGE
from tests.factories import (
    CityFactory,
    MilestoneFactory,
    PersonFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
    StoryFactory,
    StoryPersonFactory,
    SubProjectFactory,
)
from tests.pages import html_lang, language_of, url_in

pytestmark = pytest.mark.django_db


# A research project's page


@pytest.mark.parametrize("language", ["th", "en"])
def test_project_page_returns_200(client, site, language):
    response = client.get(url_in(language, "projects:project_detail", slug=site.project.slug))

    assert response.status_code == 200
    assert html_lang(response) == language


def test_unknown_project_is_404(client):
    assert client.get(url_in("en", "projects:project_detail", slug="nowhere")).status_code == 404


@pytest.mark.parametrize(
    "make_project",
    [
        pytest.param(lambda: ResearchProjectFactory(is_published=False), id="unpublished"),
        pytest.param(
            lambda: ResearchProjectFactory(city=CityFactory(is_published=False)),
            id="in-unpublished-city",
        ),
    ],
)
def test_hidden_project_is_404_to_the_public(client, make_project):
    assert client.get(make_project().get_absolute_url()).status_code == 404


def test_hidden_project_is_previewed_by_staff_and_never_cached(staff_client):
    project = ResearchProjectFactory(is_published=False)

    response = staff_client.get(project.get_absolute_url())

    assert response.status_code == 200
    assert response.context["is_preview"]
    assert b"preview-banner" in response.content
    assert "no-store" in response.headers["Cache-Control"]


def test_untitled_project_page_names_it_by_number_and_city(client):
    project = ResearchProjectFactory(untitled=True, number=2, city__name_en="Rayong")

    response = client.get(url_in("en", "projects:project_detail", slug=project.slug))

    assert "Research project 2, Rayong" in response.content.decode()


def test_english_project_page_marks_untranslated_summary_as_thai(client):
    project = ResearchProjectFactory(summary_th="สรุปงานวิจัยภาษาไทย", summary_en="")

    response = client.get(url_in("en", "projects:project_detail", slug=project.slug))

    assert language_of(response, "สรุปงานวิจัยภาษาไทย") == "th"
    assert language_of(response, "Not yet translated") == "en"


def test_project_page_lists_only_public_stories(client):
    project = ResearchProjectFactory()
    public = StoryFactory(projects=[project])
    StoryFactory(projects=[project], draft=True)

    response = client.get(project.get_absolute_url())

    assert list(response.context["stories"]) == [public]


def test_project_page_query_count_does_not_grow_with_its_team(assert_queries_do_not_grow):
    project = ResearchProjectFactory(lead=PersonFactory())
    numbers = itertools.count()

    def add_content(count):
        for _ in range(count):
            ProjectMemberFactory(project=project)
            SubProjectFactory(project=project)
            MilestoneFactory(project=project)
            StoryFactory(projects=[project])
            project.tags.add(f"แท็ก {next(numbers)}")

    assert_queries_do_not_grow(project.get_absolute_url(), add_content)


# A person's page


@pytest.mark.parametrize("language", ["th", "en"])
def test_person_page_returns_200(client, site, language):
    response = client.get(url_in(language, "projects:person_detail", slug=site.person.slug))

    assert response.status_code == 200
    assert html_lang(response) == language


def test_unknown_person_is_404(client):
    assert client.get(url_in("th", "projects:person_detail", slug="nobody")).status_code == 404


def test_unpublished_person_is_404_to_the_public(client):
    person = PersonFactory(is_published=False)

    assert client.get(person.get_absolute_url()).status_code == 404


def test_unpublished_person_is_previewed_by_staff(staff_client):
    person = PersonFactory(is_published=False)

    response = staff_client.get(person.get_absolute_url())

    assert response.status_code == 200
    assert response.context["is_preview"]


def test_published_person_has_no_preview_banner_for_staff(staff_client):
    response = staff_client.get(PersonFactory().get_absolute_url())

    assert not response.context["is_preview"]
    assert b"preview-banner" not in response.content


def test_thai_person_page_marks_an_english_only_name_as_english(client):
    person = PersonFactory(honorific_th="", name_th="", name_en="Somchai Jaidee")

    response = client.get(url_in("th", "projects:person_detail", slug=person.slug))

    assert language_of(response, "Somchai Jaidee") == "en"


def test_person_page_lists_projects_led_and_joined_once_each(client):
    person = PersonFactory()
    led = ResearchProjectFactory(lead=person)
    ProjectMemberFactory(project=led, person=person)
    joined = ProjectMemberFactory(person=person).project
    ResearchProjectFactory(lead=person, is_published=False)

    response = client.get(person.get_absolute_url())

    assert sorted(response.context["projects"], key=lambda p: p.pk) == [led, joined]


def test_person_page_lists_only_public_stories(client):
    person = PersonFactory()
    public = StoryPersonFactory(person=person).story
    StoryPersonFactory(person=person, story=StoryFactory(draft=True))

    response = client.get(person.get_absolute_url())

    assert list(response.context["stories"]) == [public]


def test_person_page_query_count_does_not_grow_with_projects_and_stories(
    assert_queries_do_not_grow,
):
    person = PersonFactory()

    def add_content(count):
        for _ in range(count):
            ResearchProjectFactory(lead=person)
            ProjectMemberFactory(person=person)
            StoryPersonFactory(person=person)

    assert_queries_do_not_grow(person.get_absolute_url(), add_content)


def test_person_page_shows_the_12_most_recent_projects_and_links_all_of_them(client):
    person = PersonFactory()
    for year in range(2001, 2001 + PROJECTS_ON_PERSON_PAGE + 1):
        ResearchProjectFactory(lead=person, start_year=year, end_year=year)

    response = client.get(person.get_absolute_url())

    projects = response.context["projects"]
    assert len(projects) == PROJECTS_ON_PERSON_PAGE
    assert projects[0].start_year == 2001 + PROJECTS_ON_PERSON_PAGE
    assert f'href="/people/{person.slug}/projects/"' in response.content.decode()


def test_person_page_without_more_projects_has_no_link_to_them(client):
    person = PersonFactory()
    ResearchProjectFactory(lead=person)

    response = client.get(person.get_absolute_url())

    assert f"/people/{person.slug}/projects/" not in response.content.decode()


def test_person_page_shows_24_stories_and_links_the_story_list_filtered_by_person(client):
    person = PersonFactory()
    StoryPersonFactory.create_batch(STORIES_ON_PERSON_PAGE + 1, person=person)

    response = client.get(person.get_absolute_url())

    assert len(response.context["stories"]) == STORIES_ON_PERSON_PAGE
    assert f'href="/stories/?person={person.slug}"' in response.content.decode()


def test_person_with_few_stories_has_no_link_to_more(client):
    person = PersonFactory()
    StoryPersonFactory(person=person)

    response = client.get(person.get_absolute_url())

    assert f"?person={person.slug}" not in response.content.decode()


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_persons_projects_page_lists_every_public_project_24_a_page(client, language):
    person = PersonFactory()
    led = ResearchProjectFactory.create_batch(PROJECTS_PER_PAGE, lead=person)
    joined = ProjectMemberFactory(person=person).project
    ProjectMemberFactory(person=person, project=led[0])  # led and joined: listed once
    ResearchProjectFactory(lead=person, is_published=False)
    ResearchProjectFactory()
    url = url_in(language, "projects:person_projects", slug=person.slug)

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert first.status_code == second.status_code == 200
    assert first.context["paginator"].count == PROJECTS_PER_PAGE + 1
    listed = list(first.context["projects"]) + list(second.context["projects"])
    assert sorted(project.pk for project in listed) == sorted(p.pk for p in [*led, joined])
    assert 'rel="next"' in first.content.decode()


def test_an_unpublished_persons_projects_page_is_404(client):
    person = PersonFactory(is_published=False)

    response = client.get(url_in("th", "projects:person_projects", slug=person.slug))

    assert response.status_code == 404


def test_a_persons_projects_page_query_count_does_not_grow(assert_queries_do_not_grow):
    person = PersonFactory()

    def add_projects(count):
        for _ in range(count):
            ResearchProjectFactory(lead=person)
            ProjectMemberFactory(person=person)

    assert_queries_do_not_grow(
        url_in("th", "projects:person_projects", slug=person.slug), add_projects
    )
