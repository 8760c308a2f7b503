"""The seed's pages in English: English names and texts, no Thai left where English exists."""

import pytest
from django.core.management import call_command

from cities.models import City
from projects.models import Person, ResearchProject
from stories.models import Story
from tests.pages import language_of, parse, url_in

pytestmark = pytest.mark.django_db

THAI = range(0x0E00, 0x0E80)


@pytest.fixture
def seed():
    call_command("load_content", verbosity=0)


def english_page(client, name, slug):
    response = client.get(url_in("en", name, slug=slug))
    assert response.status_code == 200
    return response


def thai_in_main(response):
    return [
        text
        for text, _language, in_main in parse(response).texts
        if in_main and any(ord(char) in THAI for char in text)
    ]


def test_the_english_person_page_shows_the_romanised_name_and_honorific(client, seed):
    response = english_page(client, "projects:person_detail", "chanyarin-somporn")

    assert language_of(response, "Asst. Prof. Dr. Chanyarin Somporn") == "en"
    assert "<title>Asst. Prof. Dr. Chanyarin Somporn" in response.content.decode()


def test_the_english_pages_of_the_seeds_people_have_no_thai_left(client, seed):
    for person in Person.objects.all():
        response = english_page(client, "projects:person_detail", person.slug)

        assert thai_in_main(response) == [], person.slug


def test_the_english_story_page_shows_the_english_title_and_opening(client, seed):
    story = Story.objects.get(slug="conversation-with-chanyarin-somporn")

    response = english_page(client, "stories:story_detail", story.slug)

    assert language_of(response, story.title_en) == "en"
    assert language_of(response, "Deputy Director of the Office of Academic Promotion") == "en"


def test_the_english_pages_of_the_seeds_stories_have_no_thai_left(client, seed):
    for story in Story.objects.all():
        response = english_page(client, "stories:story_detail", story.slug)

        assert thai_in_main(response) == [], story.slug


def test_the_english_roi_et_page_shows_english_names_on_its_cards(client, seed):
    response = english_page(client, "cities:city_detail", "roi-et")

    assert language_of(response, "Roi Et Town Municipality") == "en"
    assert language_of(response, "“We put the emphasis on connecting the economy”") == "en"
    assert thai_in_main(response) == []


def test_the_english_city_page_names_the_research_area_in_english(client, seed):
    response = english_page(client, "cities:city_detail", "bangkok")

    assert language_of(response, "Kudi Chin neighbourhood") == "en"


def test_the_english_project_page_shows_the_english_title(client, seed):
    project = ResearchProject.objects.get(slug="roi-et-smart-livable-city")

    response = english_page(client, "projects:project_detail", project.slug)

    assert language_of(response, project.title_en) == "en"
    assert thai_in_main(response) == []


def test_the_thai_person_page_keeps_the_thai_name_and_honorific(client, seed):
    response = client.get(url_in("th", "projects:person_detail", slug="banchong-khositchiranan"))

    assert language_of(response, "คุณ บรรจง โฆษิตจิรนันท์") == "th"


def test_every_city_card_of_the_english_city_list_is_in_english(client, seed):
    response = client.get(url_in("en", "cities:city_list"))

    for city in City.objects.all():
        assert language_of(response, city.name_en) == "en", city.slug
