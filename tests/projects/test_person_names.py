import pytest
from django.utils import translation

from tests.factories import PersonFactory
from tests.pages import language_of, url_in

pytestmark = pytest.mark.django_db


def test_an_english_name_is_not_preceded_by_a_thai_honorific():
    person = PersonFactory.build(honorific_th="คุณ", honorific_en="", name_en="Banchong K.")

    with translation.override("en"):
        assert person.full_name == "Banchong K."


def test_a_name_shown_in_thai_keeps_its_thai_honorific():
    person = PersonFactory.build(honorific_th="คุณ", honorific_en="Mr.", name_en="")

    with translation.override("en"):
        assert person.full_name == f"คุณ {person.name_th}"


def test_the_english_page_of_a_person_without_an_english_honorific_shows_no_thai(client):
    person = PersonFactory(honorific_th="คุณ", honorific_en="", name_en="Banchong K.")

    response = client.get(url_in("en", "projects:person_detail", slug=person.slug))

    assert "คุณ" not in response.content.decode()
    assert language_of(response, "Banchong K.") == "en"


def test_a_person_card_shows_the_honorific_in_the_language_of_the_name(client):
    from django.template import Context, Template

    person = PersonFactory.build(honorific_th="คุณ", honorific_en="", name_en="Banchong K.")
    template = Template('{% include "includes/card/person.html" with person=person %}')

    with translation.override("en"):
        html = template.render(Context({"person": person, "heading_level": 3}))

    assert "คุณ" not in html
    assert "Banchong K." in html
