import pytest
from django.urls import reverse

from tests.pages import html_lang

pytestmark = pytest.mark.django_db


def test_admin_index_renders_in_english_for_an_english_browser(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert html_lang(response) == "en"
    assert "Site administration" in response.content.decode()


def test_admin_index_renders_in_thai_for_a_thai_browser(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="th")

    assert html_lang(response) == "th"
    assert "Site administration" not in response.content.decode()


def test_admin_language_cookie_overrides_the_browser(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"

    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")

    assert html_lang(response) == "th"


def test_admin_english_cookie_overrides_a_thai_browser(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="th")

    assert html_lang(response) == "en"


def test_admin_is_thai_when_the_browser_states_no_language(admin_client):
    assert html_lang(admin_client.get(reverse("admin:index"))) == "th"


def test_admin_ignores_a_language_the_site_does_not_offer(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fr")

    assert html_lang(response) == "th"


def test_public_pages_follow_the_address_not_the_browser(client):
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "th"
    assert html_lang(client.get("/en/", HTTP_ACCEPT_LANGUAGE="th")) == "en"


def test_admin_language_does_not_leak_into_the_next_public_request(admin_client):
    admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")

    assert html_lang(admin_client.get("/")) == "th"
