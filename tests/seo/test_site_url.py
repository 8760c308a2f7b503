"""Absolute addresses read outside the site (canonical, hreflang, Open Graph, JSON-LD, feeds,
sitemap, robots.txt, API) come from WECITIZENS_SITE_URL when it is set, whatever Host header
a request carries; without it (development, tests) they follow the request, as before."""

import pytest

from tests.config.test_settings import deploy_check
from tests.factories import PersonFactory, StoryFactory, StoryPersonFactory

pytestmark = pytest.mark.django_db

SITE = "https://wecitizens.example.org"
FORGED_HOST = "attacker.example"

ADDRESSES = [
    "/stories/{story}/",
    "/en/stories/{story}/",
    "/",
    "/stories/?page=2",
    "/tags/{tag}/",
    "/stories/feed/rss/",
    "/en/stories/feed/atom/",
    "/tags/{tag}/feed/atom/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-stories.xml",
    "/sitemap-tags.xml",
    "/robots.txt",
    "/api/stories/?page_size=1",
    "/api/stories.csv",
    "/api/people/",
]


@pytest.fixture
def content(photo, settings):
    settings.ALLOWED_HOSTS = ["testserver", FORGED_HOST]
    story = StoryFactory(hero_image=photo(), hero_image_alt_th="ตลาดเช้า", tags=["ข่าว"])
    StoryPersonFactory(story=story, person=PersonFactory())
    for _ in range(13):
        StoryFactory()
    return {"story": story.slug, "tag": story.tags.get().slug}


def fetch(client, address, content):
    response = client.get(address.format(**content), HTTP_HOST=FORGED_HOST)
    assert response.status_code == 200, address
    return b"".join(response) if response.streaming else response.content


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_configured_site_url_wins_over_the_host_header(client, settings, content, address):
    settings.WECITIZENS_SITE_URL = SITE

    body = fetch(client, address, content).decode("utf-8-sig")

    assert FORGED_HOST not in body
    assert f"{SITE}/" in body


@pytest.mark.parametrize("address", ["/stories/{story}/", "/sitemap-stories.xml"])
def test_without_a_site_url_addresses_follow_the_request(client, settings, content, address):
    settings.WECITIZENS_SITE_URL = ""

    body = fetch(client, address, content).decode()

    assert f"http://{FORGED_HOST}/" in body


def test_deploy_check_warns_without_a_site_url():
    returncode, output = deploy_check()

    assert returncode != 0
    assert "WECITIZENS_SITE_URL" in output


@pytest.mark.parametrize("value", ["wecitizens.example.org", "https://wecitizens.example.org/th/"])
def test_deploy_check_refuses_a_site_url_that_is_not_an_origin(value):
    returncode, output = deploy_check(WECITIZENS_SITE_URL=value)

    assert returncode != 0
    assert "WECITIZENS_SITE_URL" in output


def test_deploy_check_passes_with_a_site_url():
    returncode, output = deploy_check(WECITIZENS_SITE_URL=SITE)

    assert returncode == 0, output
    assert "no issues" in output
