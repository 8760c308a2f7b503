from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import CityFactory, StoryFactory
from tests.pages import parse, url_in

pytestmark = pytest.mark.django_db


def shared_address(href, parameter):
    return parse_qs(urlsplit(href).query)[parameter][0]


def share_links(response):
    elements = parse(response).elements
    return {
        attrs["class"].split("--")[-1]: attrs["href"]
        for tag, attrs in elements
        if tag == "a" and "share__link" in attrs.get("class", "")
    }


@pytest.fixture(params=["story", "city"])
def shared_page(request, client):
    obj = StoryFactory() if request.param == "story" else CityFactory()
    name = {"story": "stories:story_detail", "city": "cities:city_detail"}[request.param]
    path = url_in("en", name, slug=obj.slug)
    return client.get(path), f"http://testserver{path}"


def test_page_links_to_share_on_line(shared_page):
    response, address = shared_page

    line = share_links(response)["line"]

    assert line.startswith("https://social-plugins.line.me/lineit/share?")
    assert shared_address(line, "url") == address


def test_page_links_to_share_on_facebook(shared_page):
    response, address = shared_page

    facebook = share_links(response)["facebook"]

    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?")
    assert shared_address(facebook, "u") == address


def test_page_offers_its_address_to_copy_without_javascript(shared_page):
    response, address = shared_page

    fields = [attrs for tag, attrs in parse(response).elements if tag == "input"]
    (field,) = [attrs for attrs in fields if attrs.get("id") == "share-url"]
    assert field["value"] == address
    assert "readonly" in field
    # The copy button is hidden until share.js shows it.
    buttons = [attrs for tag, attrs in parse(response).elements if tag == "button"]
    assert any("data-copy-button" in attrs and "hidden" in attrs for attrs in buttons)


def test_sharing_loads_no_third_party_script(shared_page):
    response, _address = shared_page

    scripts = [attrs.get("src") for tag, attrs in parse(response).elements if tag == "script"]
    assert all(src is None or src.startswith("/static/") for src in scripts)


def test_share_links_are_on_story_and_city_pages_only(client, site):
    assert share_links(client.get(site.person.get_absolute_url())) == {}
