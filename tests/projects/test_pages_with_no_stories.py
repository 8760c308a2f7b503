"""A project page that has no story yet still tells readers what is known, and leaves out
what is not known instead of showing a placeholder."""

import io

import pytest
from django.core.management import call_command

from tests.factories import ProgrammeFactory, ResearchProjectFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def seeded():
    call_command("load_content", stdout=io.StringIO())


def test_project_page_shows_city_programme_and_thai_years(client, seeded):
    html = page(client, url_in("th", "projects:project_detail", slug="chiang-mai-1"))

    assert url_in("th", "cities:city_detail", slug="chiang-mai") in html
    assert "การพัฒนาเมืองแห่งการเรียนรู้ (Learning City)</a> (2563–2564)" in html
    assert url_in("th", "projects:project_detail", slug="chiang-mai-2") in html


def test_project_page_leaves_out_the_team_it_does_not_know(client, seeded):
    html = page(client, url_in("en", "projects:project_detail", slug="lampang"))

    assert 'id="team-heading"' not in html
    assert 'id="subprojects-heading"' not in html
    assert 'id="siblings-heading"' not in html


def test_project_page_shows_team_and_related_stories(client, seeded):
    html = page(client, url_in("en", "projects:project_detail", slug="roi-et-smart-livable-city"))

    assert 'id="team-heading"' in html
    assert "/en/people/chanyarin-somporn/" in html
    assert 'id="stories-heading"' in html
    assert "/en/stories/conversation-with-chanyarin-somporn/" in html


def test_project_page_invites_stories_when_its_programme_has_a_contact(client):
    project = ResearchProjectFactory(programme=ProgrammeFactory(contact_email="team@example.org"))

    assert 'href="mailto:team@example.org"' in page(client, project.get_absolute_url())
