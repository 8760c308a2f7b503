"""A Thai tag's address is in Thai, and its old hashed address redirects there."""

import importlib
import re
import unicodedata
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from redirects.models import SlugRedirect
from tags.models import Tag
from tags.slugs import TAG_SLUG_PATTERN, tag_slugify, validate_tag_slug
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

reslug_migration = importlib.import_module("tags.migrations.0002_reslug_tags_in_their_own_script")


@pytest.fixture
def rice_news_white():
    StoryFactory(title_th="ข้าวใหม่", tags=["ข้าว"])
    StoryFactory(title_th="ข่าวเมือง", tags=["ข่าว"])
    StoryFactory(title_th="ผ้าขาว", tags=["ขาว"])


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ร้อยเอ็ด", "ร้อยเอ็ด"),
        ("เมืองแห่งการเรียนรู้ ยะลา", "เมืองแห่งการเรียนรู้-ยะลา"),
        ("Smart City", "smart-city"),
        ("Don't panic!", "dont-panic"),
        ("BCG เศรษฐกิจ", "bcg-เศรษฐกิจ"),
    ],
)
def test_a_tag_slug_keeps_thai_vowels_and_tone_marks(name, slug):
    assert tag_slugify(name) == slug


def test_a_tag_slug_is_nfc_whatever_order_the_marks_were_typed_in():
    typed = "ก\u0e49\u0e38ง"  # ก, tone mark, then the vowel below

    assert tag_slugify(typed) == unicodedata.normalize("NFC", "กุ้ง")


def test_three_tags_differing_only_in_marks_have_three_addresses(client, rice_news_white):
    for name, story_title in (("ข้าว", "ข้าวใหม่"), ("ข่าว", "ข่าวเมือง"), ("ขาว", "ผ้าขาว")):
        response = client.get(f"/tags/{name}/")

        assert response.status_code == 200
        assert response.context["tag"].name == name
        assert [story.title_th for story in response.context["page_obj"]] == [story_title]


def test_a_tag_address_is_percent_encoded_in_links(rice_news_white):
    assert Tag.objects.get(name="ข้าว").get_absolute_url() == "/tags/" + quote("ข้าว") + "/"


def test_the_percent_encoded_and_the_raw_address_show_the_same_tag(client, rice_news_white):
    raw = client.get("/tags/ข้าว/")
    encoded = client.get("/tags/" + quote("ข้าว") + "/")

    assert raw.status_code == encoded.status_code == 200
    assert raw.context["tag"] == encoded.context["tag"]


def test_an_address_with_its_marks_typed_in_another_order_finds_the_tag(client):
    StoryFactory(tags=["กุ้ง"])

    response = client.get("/tags/ก\u0e49\u0e38ง/")

    assert response.status_code == 200
    assert response.context["tag"].name == "กุ้ง"


def test_a_tag_in_a_script_the_api_pattern_leaves_out_still_has_an_address(client):
    # The address converter is wider than TAG_SLUG_PATTERN: any slug tag_slugify makes resolves.
    StoryFactory(tags=["Café"])
    assert not re.search(TAG_SLUG_PATTERN, "café")

    response = client.get("/tags/café/")

    assert response.status_code == 200
    assert response.context["tag"].name == "Café"


def test_an_unknown_thai_tag_is_not_found(client, rice_news_white):
    assert client.get("/tags/ข้าวโพด/").status_code == 404


def test_the_projects_page_and_feeds_of_a_thai_tag_resolve(client, rice_news_white):
    for suffix in ("projects/", "feed/rss/", "feed/atom/"):
        assert client.get(f"/tags/ข้าว/{suffix}").status_code == 200


def test_the_sitemap_lists_thai_tag_addresses(client, rice_news_white):
    sitemap = client.get("/sitemap-tags.xml").content.decode()

    assert "/tags/" + quote("ข้าว") + "/" in sitemap
    assert "/tags/tag-" not in sitemap


def test_a_tag_feed_links_to_the_thai_address(client, rice_news_white):
    feed = client.get("/tags/ข้าว/feed/rss/").content.decode()

    assert "/tags/" + quote("ข้าว") + "/</link>" in feed


def give_hashed_slugs():
    """Put the tags back at the addresses they had before they moved to Thai slugs."""
    for tag in Tag.objects.all():
        Tag.objects.filter(pk=tag.pk).update(slug=reslug_migration.hashed_slug(tag.name))


def test_moving_to_thai_slugs_redirects_each_old_address_permanently(client, rice_news_white):
    give_hashed_slugs()
    old = Tag.objects.get(name="ข้าว").slug
    assert old.startswith("tag-")

    reslug_migration.to_script_slugs(apps, None)

    assert Tag.objects.get(name="ข้าว").slug == "ข้าว"
    for path in (f"/tags/{old}/", f"/en/tags/{old}/", f"/tags/{old}/feed/rss/"):
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == path.replace(old, quote("ข้าว"))
        assert client.get(response["Location"]).status_code == 200


def test_moving_to_thai_slugs_keeps_english_slugs_and_makes_no_redirect_for_them():
    StoryFactory(tags=["Smart City"])
    give_hashed_slugs()

    reslug_migration.to_script_slugs(apps, None)

    assert Tag.objects.get().slug == "smart-city"
    assert not SlugRedirect.objects.exists()


def test_moving_to_thai_slugs_can_be_undone(client, rice_news_white):
    give_hashed_slugs()
    hashed = dict(Tag.objects.values_list("name", "slug"))

    reslug_migration.to_script_slugs(apps, None)
    reslug_migration.to_hashed_slugs(apps, None)

    assert dict(Tag.objects.values_list("name", "slug")) == hashed
    assert not SlugRedirect.objects.exists()
    assert client.get(f"/tags/{hashed['ข้าว']}/").status_code == 200


def test_moving_to_thai_slugs_separates_names_that_make_the_same_slug():
    StoryFactory(tags=["ข้าว หอม", "ข้าว-หอม"])
    give_hashed_slugs()

    reslug_migration.to_script_slugs(apps, None)

    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["ข้าว-หอม", "ข้าว-หอม-1"]


@pytest.mark.parametrize("slug", ["ข้าว", "ข้าว-หอม-1", "smart_city"])
def test_a_slug_the_tags_make_is_a_valid_tag_slug(slug):
    validate_tag_slug(slug)


@pytest.mark.parametrize("value", ["' OR 1=1 --", "Smart City", "ข้าว/หอม", "-ข้าว"])
def test_what_no_tag_slug_can_be_is_refused(value):
    with pytest.raises(ValidationError):
        validate_tag_slug(value)


def test_the_open_data_api_filters_by_a_thai_tag_slug_with_marks(client):
    StoryFactory(slug="rice-story", tags=["ข้าว"])
    StoryFactory(slug="white-story", tags=["ขาว"])

    response = client.get("/api/stories/", {"tag": "ข้าว"})

    assert response.status_code == 200
    assert [story["slug"] for story in response.json()["results"]] == ["rice-story"]
