"""Canonical and hreflang links, Open Graph, Twitter cards and JSON-LD on every public page."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from seo.metadata import json_ld
from tests.factories import StoryFactory
from tests.pages import parse, url_in

pytestmark = pytest.mark.django_db


def page_names(site):
    return [
        ("home", {}),
        ("cities:city_list", {}),
        ("cities:city_detail", {"slug": site.city.slug}),
        ("projects:project_detail", {"slug": site.project.slug}),
        ("projects:person_detail", {"slug": site.person.slug}),
        ("stories:story_list", {}),
        ("stories:story_detail", {"slug": site.story.slug}),
        ("stories:tag_detail", {"slug": site.tag.slug}),
    ]


PAGE_KINDS = [
    "home",
    "cities:city_list",
    "cities:city_detail",
    "projects:project_detail",
    "projects:person_detail",
    "stories:story_list",
    "stories:story_detail",
    "stories:tag_detail",
]


class Head:
    def __init__(self, response):
        self.elements = parse(response).elements
        self.content = response.content.decode()

    def meta(self, key):
        for tag, attrs in self.elements:
            if tag == "meta" and key in (attrs.get("property"), attrs.get("name")):
                return attrs.get("content")
        return None

    def links(self, rel):
        return [attrs for tag, attrs in self.elements if tag == "link" and attrs.get("rel") == rel]

    def json_ld(self):
        blocks = []
        marker = '<script type="application/ld+json">'
        for chunk in self.content.split(marker)[1:]:
            blocks.append(json.loads(chunk.split("</script>", 1)[0]))
        return blocks

    def json_ld_of_type(self, kind):
        return [block for block in self.json_ld() if block["@type"] == kind]


def head(client, language, name, kwargs):
    response = client.get(url_in(language, name, **kwargs))
    assert response.status_code == 200
    return Head(response)


@pytest.fixture
def page(client, site):
    def get(name, language="th"):
        kwargs = dict(page_names(site))[name]
        return head(client, language, name, kwargs), url_in(language, name, **kwargs)

    return get


@pytest.mark.parametrize("name", PAGE_KINDS)
@pytest.mark.parametrize("language", ["th", "en"])
def test_page_has_absolute_canonical_url(page, name, language):
    tags, path = page(name, language)

    assert [link["href"] for link in tags.links("canonical")] == [f"http://testserver{path}"]


@pytest.mark.parametrize("name", PAGE_KINDS)
def test_page_has_absolute_hreflang_links_and_x_default(page, name):
    tags, path = page(name, "en")

    alternates = {
        link["hreflang"]: link["href"] for link in tags.links("alternate") if "hreflang" in link
    }
    thai_path = path.removeprefix("/en")
    assert alternates == {
        "th": f"http://testserver{thai_path}",
        "en": f"http://testserver{path}",
        "x-default": f"http://testserver{thai_path}",
    }


@pytest.mark.parametrize("name", PAGE_KINDS)
@pytest.mark.parametrize("language", ["th", "en"])
def test_page_has_description_open_graph_and_twitter_card(page, name, language):
    tags, path = page(name, language)

    assert tags.meta("description")
    assert tags.meta("og:title")
    assert tags.meta("og:description") == tags.meta("description")
    assert tags.meta("og:url") == f"http://testserver{path}"
    assert tags.meta("og:image").startswith("http://testserver/")
    assert tags.meta("og:locale") == {"th": "th_TH", "en": "en_US"}[language]
    assert tags.meta("twitter:card") == "summary_large_image"
    assert tags.meta("twitter:image") == tags.meta("og:image")


@pytest.mark.parametrize("name", PAGE_KINDS)
@pytest.mark.parametrize("language", ["th", "en"])
def test_page_json_ld_is_valid_json_with_a_schema_org_type(page, name, language):
    tags, _path = page(name, language)

    blocks = tags.json_ld()
    assert blocks
    for block in blocks:
        assert block["@context"] == "https://schema.org"
        assert block["@type"]


@pytest.mark.parametrize("name", [n for n in PAGE_KINDS if n != "home"])
def test_page_has_a_breadcrumb_trail_ending_at_itself(page, name):
    tags, path = page(name, "en")

    (trail,) = tags.json_ld_of_type("BreadcrumbList")
    items = trail["itemListElement"]
    assert items[0]["item"] == "http://testserver/en/"
    assert items[-1]["item"] == f"http://testserver{path}"
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))


def test_story_json_ld_is_an_article_with_dates_people_and_place(page, site):
    tags, path = page("stories:story_detail", "en")

    (article,) = tags.json_ld_of_type("Article")
    assert article["headline"] == site.story.title_en
    assert article["url"] == f"http://testserver{path}"
    assert datetime.datetime.fromisoformat(article["datePublished"]) == site.story.published_at
    assert article["dateModified"]
    assert article["author"]["@type"] == "Organization"
    assert [person["url"] for person in article["about"]] == [
        "http://testserver" + url_in("en", "projects:person_detail", slug=site.person.slug)
    ]
    assert article["contentLocation"]["name"] == site.city.name_en
    assert article["inLanguage"] == "en"


def test_story_page_is_an_open_graph_article(page, site):
    tags, _path = page("stories:story_detail")

    assert tags.meta("og:type") == "article"
    published = datetime.datetime.fromisoformat(tags.meta("article:published_time"))
    assert published == site.story.published_at
    assert tags.meta("og:title") == site.story.title_th
    assert tags.meta("og:description") == site.story.excerpt_th


def test_city_json_ld_is_a_place_with_coordinates(client, site):
    site.city.latitude, site.city.longitude = 18.7883, 98.9853
    site.city.save()

    tags = head(client, "th", "cities:city_detail", {"slug": site.city.slug})

    (place,) = tags.json_ld_of_type("Place")
    assert place["name"] == site.city.name_th
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 18.7883, "longitude": 98.9853}


def test_person_json_ld_is_a_person(page, site):
    tags, path = page("projects:person_detail", "en")

    (person,) = tags.json_ld_of_type("Person")
    assert person["name"] == site.person.name_en
    assert person["url"] == f"http://testserver{path}"
    assert "email" not in person


def test_home_json_ld_is_the_website(page):
    tags, _path = page("home", "en")

    (website,) = tags.json_ld_of_type("WebSite")
    assert website["url"] == "http://testserver/en/"


def test_json_ld_escapes_characters_that_could_close_the_script():
    text = json_ld({"headline": "</script><script>alert(1)</script> & more"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & more"


def test_story_title_with_markup_stays_inside_its_json_ld(client):
    story = StoryFactory(title_th="</script><script>alert(1)</script>")

    tags = head(client, "th", "stories:story_detail", {"slug": story.slug})

    (article,) = tags.json_ld_of_type("Article")
    assert article["headline"] == story.title_th
    assert "<script>alert(1)" not in tags.content


def test_page_without_image_shares_the_default_picture(page):
    tags, _path = page("stories:story_detail")

    assert tags.meta("og:image") == "http://testserver/static/img/share-default-th.png"
    assert tags.meta("og:image:width") == "1200"
    assert tags.meta("og:image:height") == "630"


@pytest.mark.parametrize("language", ["th", "en"])
def test_page_without_image_shares_the_default_picture_in_its_language(page, language):
    tags, _path = page("stories:story_detail", language)

    expected = f"http://testserver/static/img/share-default-{language}.png"
    assert tags.meta("og:image") == expected


@pytest.mark.parametrize("language", ["th", "en"])
def test_default_share_picture_is_1200_by_630(language):
    path = Path(settings.BASE_DIR) / "static" / "img" / f"share-default-{language}.png"

    with Image.open(path) as picture:
        assert picture.size == (1200, 630)


def test_story_with_hero_image_shares_a_1200_by_630_rendition(client, photo):
    story = StoryFactory(hero_image=photo(size=(1600, 1000)), hero_image_alt_th="ตลาดเช้า")

    tags = head(client, "th", "stories:story_detail", {"slug": story.slug})

    image_url = tags.meta("og:image")
    assert image_url.startswith("http://testserver/media/share/story/")
    assert tags.meta("og:image:alt") == "ตลาดเช้า"
    rendition = Path(settings.MEDIA_ROOT) / image_url.split("/media/", 1)[1]
    with Image.open(rendition) as picture:
        assert picture.size == (1200, 630)


def test_share_rendition_is_made_on_save_not_per_request(client, photo):
    story = StoryFactory(hero_image=photo(), hero_image_alt_th="ตลาดเช้า")
    (rendition,) = (Path(settings.MEDIA_ROOT) / "share" / "story").iterdir()
    made_at = rendition.stat().st_mtime_ns

    for _ in range(2):
        head(client, "th", "stories:story_detail", {"slug": story.slug})

    assert rendition.stat().st_mtime_ns == made_at
    assert len(list(rendition.parent.iterdir())) == 1


def test_city_with_hero_image_shares_its_rendition(client, photo):
    from tests.factories import CityFactory

    city = CityFactory(hero_image=photo(), hero_image_alt_th="แม่น้ำ")

    tags = head(client, "en", "cities:city_detail", {"slug": city.slug})

    assert tags.meta("og:image").startswith("http://testserver/media/share/city/")


def test_paginated_list_keeps_its_page_in_the_canonical_url(client):
    for _ in range(13):
        StoryFactory()

    tags = Head(client.get("/stories/?page=2&kind=news"))

    assert [link["href"] for link in tags.links("canonical")] == [
        "http://testserver/stories/?page=2"
    ]


def test_story_whose_image_file_is_missing_shares_the_default_picture(client):
    story = StoryFactory(hero_image="stories/gone.jpg", hero_image_alt_th="หายไป")

    tags = head(client, "th", "stories:story_detail", {"slug": story.slug})

    assert tags.meta("og:image") == "http://testserver/static/img/share-default-th.png"


def test_a_missing_image_file_is_not_retried_on_every_view(client, caplog):
    # Retrying (and logging) on every request made such a page ~50 times slower.
    story = StoryFactory(hero_image="stories/gone.jpg", hero_image_alt_th="หายไป")

    for _ in range(3):
        tags = head(client, "th", "stories:story_detail", {"slug": story.slug})

    assert tags.meta("og:image") == "http://testserver/static/img/share-default-th.png"
    attempts = [r for r in caplog.records if r.getMessage().startswith("Cannot make a share")]
    assert len(attempts) == 1


def test_replacing_the_hero_image_makes_a_new_rendition(client, photo):
    story = StoryFactory(hero_image=photo("first.jpg"), hero_image_alt_th="ภาพแรก")
    first = head(client, "th", "stories:story_detail", {"slug": story.slug}).meta("og:image")

    story.hero_image = photo("second.jpg")
    story.save()
    second = head(client, "th", "stories:story_detail", {"slug": story.slug}).meta("og:image")

    assert first != second


def test_articles_name_the_site_with_its_square_logo(client):
    story = StoryFactory()

    tags = head(client, "en", "stories:story_detail", {"slug": story.slug})

    (article,) = tags.json_ld_of_type("Article")
    logo = article["publisher"]["logo"]["url"]
    assert logo == "http://testserver/static/img/icons/icon-512.png"
