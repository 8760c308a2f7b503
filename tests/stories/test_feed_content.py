"""What feed readers are given: text that cannot run as HTML, only real dates, an author for
every Atom entry, and no Thai text presented as English."""

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils.dateparse import parse_datetime

from tests.factories import StoryFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["feeds:stories_rss", "feeds:stories_atom"]
THAI = re.compile("[\u0e00-\u0e7f]")
HOSTILE = '<img src="x" onerror="alert(document.domain)">ตลาด & "เช้า"'


def fetch(client, language, name, **kwargs):
    response = client.get(url_in(language, name, **kwargs))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed, ET.fromstring(response.content)


def summaries(root):
    """The item descriptions (RSS) or entry summaries (Atom), as the XML parser reads them."""
    return [element.text or "" for element in root.iter("description")] + [
        element.text or "" for element in root.iter(f"{ATOM}summary")
    ]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", FEEDS)
def test_an_excerpt_is_sent_as_text_not_markup(client, language, name):
    StoryFactory(excerpt_th=HOSTILE, excerpt_en=HOSTILE)

    feed, root = fetch(client, language, name)

    (summary,) = [text for text in summaries(root) if "alert" in text]
    # The description is HTML by definition: the excerpt's characters arrive escaped in it.
    assert "<" not in summary and ">" not in summary
    assert "&lt;img" in summary
    assert "<img" not in feed.entries[0].summary
    assert "ตลาด" in feed.entries[0].summary


@pytest.mark.parametrize("name", FEEDS)
def test_an_undated_story_has_no_publication_date_anywhere(client, name):
    story = StoryFactory(published_at=None)

    feed, root = fetch(client, "th", name)

    (entry,) = feed.entries
    assert "published" not in entry
    assert not list(root.iter("pubDate")) and not list(root.iter(f"{ATOM}published"))
    (item,) = client.get("/api/stories/").json()["results"]
    assert item["published_at"] is None
    page = client.get(story.get_absolute_url()).content.decode()
    assert "datePublished" not in page


@pytest.mark.parametrize("name", FEEDS)
def test_a_dated_story_is_published_when_it_was_published(client, name):
    story = StoryFactory()

    feed, _root = fetch(client, "th", name)

    assert feed.entries[0].published_parsed[:6] == story.published_at.utctimetuple()[:6]


def test_an_atom_entry_is_updated_when_the_story_last_changed(client):
    story = StoryFactory(published_at=None)

    _feed, root = fetch(client, "th", "feeds:stories_atom")

    (entry,) = root.iter(f"{ATOM}entry")
    updated = parse_datetime(entry.find(f"{ATOM}updated").text)
    assert updated == story.updated_at


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_atom_entry_has_an_author(client, language):
    StoryFactory()
    StoryFactory(published_at=None)

    feed, root = fetch(client, language, "feeds:stories_atom")

    entries = list(root.iter(f"{ATOM}entry"))
    assert len(entries) == 2
    for entry in entries:
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "WeCitizens"
    assert [entry.author for entry in feed.entries] == ["WeCitizens", "WeCitizens"]


@pytest.mark.parametrize("name", FEEDS)
def test_english_feed_leaves_out_stories_not_written_in_english(client, name):
    english = StoryFactory()
    StoryFactory(title_en="", excerpt_en="")

    feed, _root = fetch(client, "en", name)

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{url_in('en', 'stories:story_detail', slug=english.slug)}"
    ]


@pytest.mark.parametrize("name", FEEDS)
def test_english_feed_gives_no_thai_excerpt_as_english(client, name):
    StoryFactory(excerpt_en="")

    feed, root = fetch(client, "en", name)

    (entry,) = feed.entries
    assert not THAI.search(entry.title)
    assert not any(THAI.search(text) for text in summaries(root))


@pytest.mark.parametrize("name", FEEDS)
def test_thai_feed_lists_every_public_story(client, name):
    StoryFactory()
    StoryFactory(title_en="", excerpt_en="")

    feed, _root = fetch(client, "th", name)

    assert len(feed.entries) == 2
