"""The favicon, the icons and the web app manifest every page links to."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from tests.pages import parse, url_in

pytestmark = pytest.mark.django_db

ICONS = Path(settings.BASE_DIR) / "static" / "img" / "icons"


def test_favicon_is_served_at_the_root_as_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content == (ICONS / "favicon.ico").read_bytes()


def test_favicon_holds_the_small_sizes_browsers_pick_from():
    with Image.open(ICONS / "favicon.ico") as icon:
        assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]


@pytest.mark.parametrize(
    ("name", "size"),
    [("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)],
)
def test_png_icons_have_their_sizes(name, size):
    with Image.open(ICONS / name) as icon:
        assert icon.size == (size, size)


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("th", "WeCitizens: เมืองแห่งการเรียนรู้ของประเทศไทย"),
        ("en", "WeCitizens: Thailand's learning cities"),
    ],
)
def test_manifest_is_named_in_the_page_language(client, language, name):
    response = client.get(url_in(language, "about:manifest"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert manifest["lang"] == language
    assert manifest["start_url"] == url_in(language, "home")
    assert manifest["theme_color"] == "#0b6e4f"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512", "any"}


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_page_links_its_icons_and_manifest(client, language):
    page = parse(client.get(url_in(language, "stories:story_list")))

    links = {attrs["rel"]: attrs["href"] for tag, attrs in page.elements if tag == "link"}
    icons = [attrs for tag, attrs in page.elements if tag == "link" and attrs["rel"] == "icon"]
    assert {icon["href"] for icon in icons} == {"/favicon.ico", "/static/img/icons/icon.svg"}
    assert links["apple-touch-icon"] == "/static/img/icons/apple-touch-icon.png"
    assert links["manifest"] == url_in(language, "about:manifest")


def test_the_committed_logo_is_what_the_command_makes_from_its_sources():
    from about.management.commands.make_identity_images import logo_svg

    made = logo_svg()

    assert made == (ICONS / "logo.svg").read_text(encoding="utf-8")
    assert "<text" not in made  # the wordmark is outlines: no font needed to show it
    assert 'aria-label="WeCitizens"' in made
