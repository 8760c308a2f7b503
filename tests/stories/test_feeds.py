import feedparser
import pytest

from tags.models import Tag
from tests.factories import CityFactory, StoryFactory
from tests.pages import url_in

# Hero images and share renditions go to a throw-away folder.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def fetch(client, language, name, **kwargs):
    response = client.get(url_in(language, name, **kwargs))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def links(feed):
    return [entry.link for entry in feed.entries]


@pytest.mark.parametrize("name", ["feeds:stories_rss", "feeds:stories_atom"])
def test_site_feed_lists_only_published_stories(client, name):
    public = StoryFactory()
    StoryFactory(draft=True)
    StoryFactory(scheduled=True)
    StoryFactory(city=CityFactory(is_published=False))

    feed = fetch(client, "th", name)

    assert links(feed) == [f"http://testserver{public.get_absolute_url()}"]


def test_rss_feed_is_rss_2(client):
    StoryFactory()

    assert fetch(client, "th", "feeds:stories_rss").version == "rss20"


def test_atom_feed_is_atom_1(client):
    StoryFactory()

    assert fetch(client, "th", "feeds:stories_atom").version == "atom10"


@pytest.mark.parametrize("name", ["feeds:stories_rss", "feeds:stories_atom"])
def test_thai_feed_is_in_thai(client, name):
    story = StoryFactory()

    feed = fetch(client, "th", name)

    assert feed.feed.language == "th"
    assert feed.entries[0].title == story.title_th
    assert feed.entries[0].link == f"http://testserver/stories/{story.slug}/"


@pytest.mark.parametrize("name", ["feeds:stories_rss", "feeds:stories_atom"])
def test_english_feed_is_in_english_with_english_links(client, name):
    story = StoryFactory()

    feed = fetch(client, "en", name)

    assert feed.feed.language == "en"
    assert feed.entries[0].title == story.title_en
    assert feed.entries[0].link == f"http://testserver/en/stories/{story.slug}/"


@pytest.mark.parametrize("name", ["feeds:city_rss", "feeds:city_atom"])
def test_city_feed_lists_that_citys_stories(client, name):
    story = StoryFactory()
    StoryFactory()

    feed = fetch(client, "en", name, slug=story.city.slug)

    assert links(feed) == [f"http://testserver/en/stories/{story.slug}/"]
    assert story.city.name_en in feed.feed.title


def test_feed_of_an_unpublished_city_is_not_found(client):
    city = CityFactory(is_published=False)

    assert client.get(url_in("th", "feeds:city_rss", slug=city.slug)).status_code == 404


@pytest.mark.parametrize("name", ["feeds:tag_rss", "feeds:tag_atom"])
def test_tag_feed_lists_stories_with_that_tag(client, name):
    tagged = StoryFactory(tags=["ข้าว"])
    StoryFactory(tags=["ข่าว"])
    StoryFactory(tags=["ข้าว"], draft=True)
    tag = Tag.objects.get(name="ข้าว")

    feed = fetch(client, "th", name, slug=tag.slug)

    assert links(feed) == [f"http://testserver/stories/{tagged.slug}/"]
    assert "ข้าว" in feed.feed.title


def test_rss_item_has_an_enclosure_for_the_hero_image(client, photo):
    story = StoryFactory(hero_image=photo(), hero_image_alt_th="ตลาดเช้า")

    entry = fetch(client, "th", "feeds:stories_rss").entries[0]

    (enclosure,) = entry.enclosures
    assert enclosure.href == f"http://testserver{story.hero_image.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == story.hero_image.size


def test_atom_entry_links_the_hero_image_as_an_enclosure(client, photo):
    story = StoryFactory(hero_image=photo(), hero_image_alt_th="ตลาดเช้า")

    entry = fetch(client, "en", "feeds:stories_atom").entries[0]

    assert [link.href for link in entry.links if link.rel == "enclosure"] == [
        f"http://testserver{story.hero_image.url}"
    ]


def test_story_without_image_has_no_enclosure(client):
    StoryFactory()

    assert fetch(client, "th", "feeds:stories_rss").entries[0].enclosures == []


def test_feed_items_carry_iso_dates_and_tags(client):
    story = StoryFactory(tags=["เมืองแห่งการเรียนรู้"])

    entry = fetch(client, "th", "feeds:stories_atom").entries[0]

    assert entry.published.startswith(story.published_at.date().isoformat()[:4])
    assert [term.term for term in entry.tags] == ["เมืองแห่งการเรียนรู้"]


@pytest.mark.parametrize(
    ("language", "page", "kwargs", "feed_names"),
    [
        ("th", "home", {}, ["feeds:stories_rss", "feeds:stories_atom"]),
        ("en", "stories:story_list", {}, ["feeds:stories_rss", "feeds:stories_atom"]),
    ],
)
def test_pages_link_the_site_feeds(client, language, page, kwargs, feed_names):
    content = client.get(url_in(language, page, **kwargs)).content.decode()

    for name in feed_names:
        assert f'href="http://testserver{url_in(language, name)}"' in content


def test_city_page_links_its_feeds(client):
    city = CityFactory()

    content = client.get(city.get_absolute_url()).content.decode()

    assert 'type="application/rss+xml" title' in content
    assert url_in("th", "feeds:city_rss", slug=city.slug) in content
    assert url_in("th", "feeds:city_atom", slug=city.slug) in content


def test_tag_page_links_its_feeds(client):
    StoryFactory(tags=["ข้าว"])
    tag = Tag.objects.get(name="ข้าว")

    content = client.get(tag.get_absolute_url()).content.decode()

    assert url_in("th", "feeds:tag_rss", slug=tag.slug) in content
    assert url_in("th", "feeds:tag_atom", slug=tag.slug) in content


def test_feed_queries_do_not_grow_with_stories(client, django_assert_max_num_queries):
    for _ in range(5):
        StoryFactory(tags=["ข้าว"])
    client.get(url_in("th", "feeds:stories_rss"))
    with django_assert_max_num_queries(5) as few:
        client.get(url_in("th", "feeds:stories_rss"))
    for _ in range(25):
        StoryFactory(tags=["ข้าว"])
    with django_assert_max_num_queries(len(few)):
        client.get(url_in("th", "feeds:stories_rss"))


def test_a_feed_is_sent_as_one_body_not_one_chunk_per_tag(client, site):
    response = client.get(url_in("th", "feeds:stories_rss"))

    assert response.status_code == 200
    assert len(list(response)) == 1  # what the WSGI server iterates and writes
