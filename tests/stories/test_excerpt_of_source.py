import io

import pytest
from django.core.management import call_command

from stories.models import Story
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_seed_marks_its_six_stories_as_openings_of_longer_posts():
    call_command("load_content", stdout=io.StringIO())

    assert Story.objects.count() == 6
    assert Story.objects.filter(is_excerpt_of_source=True).count() == 6


def test_opening_links_to_the_full_post(client):
    story = StoryFactory(is_excerpt_of_source=True, source_url="https://example.org/post/1")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "นี่คือตอนต้นของโพสต์ที่ยาวกว่านี้" in html
    assert '<a href="https://example.org/post/1" rel="noopener">อ่านโพสต์ฉบับเต็ม</a>' in html


def test_opening_without_a_known_address_says_where_the_post_is(client):
    story = StoryFactory(is_excerpt_of_source=True, source_url="")

    html = client.get("/en" + story.get_absolute_url()).content.decode()

    assert "This is the opening of a longer post." in html
    assert "The full post is on the WeCitizens page." in html


def test_whole_story_has_no_opening_notice(client):
    story = StoryFactory(is_excerpt_of_source=False, source_url="https://example.org/post/2")

    html = client.get("/en" + story.get_absolute_url()).content.decode()

    assert "opening of a longer post" not in html
    assert "Read the original post" in html
