import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from config.urls import SITEMAPS
from core.sitemaps import BilingualSitemap
from tags.models import Tag
from tests.factories import (
    CityFactory,
    PersonFactory,
    ResearchProjectFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def fetch_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def section_pages(client):
    """The addresses of the section pages the sitemap index at /sitemap.xml lists."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return [entry.findtext("s:loc", namespaces=NS) for entry in index.findall("s:sitemap", NS)]


def sitemap(client):
    """Every <url> of every section page listed in the index, as one <urlset>."""
    combined = ET.Element("{http://www.sitemaps.org/schemas/sitemap/0.9}urlset")
    for loc in section_pages(client):
        parts = urlsplit(loc)
        combined.extend(fetch_xml(client, f"{parts.path}?{parts.query}").findall("s:url", NS))
    return combined


def locations(root):
    return [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]


def test_sitemap_lists_every_public_page_in_both_languages(client, site):
    locs = locations(sitemap(client))

    for obj in (site.city, site.project, site.person, site.story, site.tag):
        path = obj.get_absolute_url()
        assert f"http://testserver{path}" in locs
        assert f"http://testserver/en{path}" in locs
    for path in ("/", "/cities/", "/stories/"):
        assert f"http://testserver{path}" in locs
        assert f"http://testserver/en{path}" in locs


def test_every_sitemap_address_answers_200(client, site):
    locs = locations(sitemap(client))

    assert len(locs) >= 16
    for loc in locs:
        assert client.get(urlsplit(loc).path).status_code == 200, loc


def test_each_sitemap_entry_has_hreflang_alternates_and_x_default(client, site):
    for url in sitemap(client).findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(alternates) == {"th", "en", "x-default"}
        assert alternates["x-default"] == alternates["th"]
        assert url.findtext("s:loc", namespaces=NS) in (alternates["th"], alternates["en"])


def test_each_page_but_tags_in_the_sitemap_has_an_iso_lastmod(client, site):
    for url in sitemap(client).findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        if "/tags/" in loc:
            continue
        lastmod = url.findtext("s:lastmod", namespaces=NS)
        assert lastmod, loc
        datetime.date.fromisoformat(lastmod)


def test_sitemap_leaves_out_unpublished_content(client, site):
    hidden_city = CityFactory(is_published=False, slug="hidden-city")
    hidden = [
        hidden_city,
        ResearchProjectFactory(is_published=False, slug="hidden-project"),
        ResearchProjectFactory(city=hidden_city, slug="project-in-hidden-city"),
        PersonFactory(is_published=False, slug="hidden-person"),
        StoryFactory(draft=True, slug="draft-story", tags=["ลับ"]),
        StoryFactory(scheduled=True, slug="scheduled-story"),
        StoryFactory(city=hidden_city, slug="story-in-hidden-city"),
    ]

    text = "\n".join(locations(sitemap(client)))

    for obj in hidden:
        assert obj.slug not in text
    assert Tag.objects.get(name="ลับ").slug not in text


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(BilingualSitemap, "limit", 2)


def test_sitemap_index_lists_every_page_of_every_section(client, small_pages):
    StoryFactory.create_batch(5)

    pages = section_pages(client)

    assert sorted(urlsplit(loc).path for loc in pages if "?" not in loc) == sorted(
        f"/sitemap-{section}.xml" for section in SITEMAPS
    )
    assert "http://testserver/sitemap-stories.xml?p=2" in pages
    assert "http://testserver/sitemap-stories.xml?p=3" in pages
    assert "http://testserver/sitemap-stories.xml?p=4" not in pages


def test_sitemap_pages_together_list_each_story_once_per_language(client, small_pages):
    stories = StoryFactory.create_batch(5)

    locs = locations(sitemap(client))

    for story in stories:
        assert locs.count(f"http://testserver{story.get_absolute_url()}") == 1
        assert locs.count(f"http://testserver/en{story.get_absolute_url()}") == 1


def test_a_sitemap_page_holds_a_bounded_number_of_addresses(client, small_pages):
    StoryFactory.create_batch(5)

    for page in ("", "?p=2", "?p=3"):
        urls = fetch_xml(client, f"/sitemap-stories.xml{page}").findall("s:url", NS)
        assert 0 < len(urls) <= 2 * BilingualSitemap.limit  # each story in Thai and English


@pytest.mark.parametrize(
    "path", ["/sitemap-stories.xml?p=4", "/sitemap-stories.xml?p=x", "/sitemap-nothing.xml"]
)
def test_a_sitemap_page_beyond_the_last_or_unknown_is_404(client, small_pages, path):
    StoryFactory.create_batch(5)

    assert client.get(path).status_code == 404


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_robots_sitemap_address_is_absolute_https_behind_tls(client):
    response = client.get("/robots.txt", secure=True)

    assert "Sitemap: https://testserver/sitemap.xml" in response.content.decode()


def test_tags_are_listed_without_a_lastmod_that_would_read_every_tagging(client, site):
    tag_url = f"http://testserver{site.tag.get_absolute_url()}"

    (entry,) = [
        url
        for url in sitemap(client).findall("s:url", NS)
        if url.findtext("s:loc", namespaces=NS) == tag_url
    ]

    assert entry.find("s:lastmod", NS) is None
    alternates = entry.findall("{http://www.w3.org/1999/xhtml}link")
    assert {link.get("hreflang") for link in alternates} >= {"th", "en"}


def test_sitemap_query_count_does_not_grow_with_content(client, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            StoryFactory(tags=["ข้าว"], projects=[ResearchProjectFactory()])

    pages = ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in SITEMAPS)]
    add(3)
    few = {}
    for page in pages:
        client.get(page)
        with django_assert_max_num_queries(10) as queries:
            assert client.get(page).status_code == 200
        few[page] = len(queries)
    add(20)
    for page in pages:
        with django_assert_max_num_queries(few[page]):
            client.get(page)


def test_sitemap_index_reads_each_sections_bounds_without_building_its_items(
    client, site, monkeypatch
):
    def unused(self):
        raise AssertionError(f"{type(self).__name__}.items() built for the index")

    for section in SITEMAPS.values():
        if section.model is not None:
            monkeypatch.setattr(section, "items", unused)

    assert client.get("/sitemap.xml").status_code == 200


def test_a_sitemap_page_reverses_each_address_once_per_language(client, site, monkeypatch):
    reversed_paths = []
    get_absolute_url = type(site.story).get_absolute_url

    def counted(story):
        reversed_paths.append(get_absolute_url(story))
        return reversed_paths[-1]

    monkeypatch.setattr(type(site.story), "get_absolute_url", counted)

    root = fetch_xml(client, "/sitemap-stories.xml")

    assert len(root.findall("s:url", NS)) == 2
    assert sorted(reversed_paths) == sorted(set(reversed_paths))
    assert len(reversed_paths) == 2


def test_404_page_asks_not_to_be_indexed(client):
    response = client.get("/stories/no-such-story/")

    assert response.status_code == 404
    assert b'<meta name="robots" content="noindex">' in response.content
    assert b'rel="canonical"' not in response.content
