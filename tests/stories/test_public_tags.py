"""A tag is public once a reader can see something tagged with it: a published story, or a
published research project (the tag page lists both). Until then nothing public tells it
apart from a tag that does not exist."""

from urllib.parse import quote

import pytest

from tags.models import Tag
from tests.factories import CityFactory, ResearchProjectFactory, StoryFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

TAG_ADDRESSES = [
    "stories:tag_detail",
    "stories:tag_projects",
    "feeds:tag_rss",
    "feeds:tag_atom",
]


def tag(name):
    return Tag.objects.get(name=name)


@pytest.fixture
def hidden_tags():
    """Tags used only where readers cannot see them."""
    StoryFactory(draft=True, tags=["ร่างเท่านั้น"])
    StoryFactory(scheduled=True, tags=["ตั้งเวลาไว้"])
    StoryFactory(city=CityFactory(is_published=False), tags=["เมืองที่ซ่อน"])
    ResearchProjectFactory(is_published=False, tags=["โครงการที่ซ่อน"])
    return [tag("ร่างเท่านั้น"), tag("ตั้งเวลาไว้"), tag("เมืองที่ซ่อน"), tag("โครงการที่ซ่อน")]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", TAG_ADDRESSES)
def test_a_tag_without_anything_public_is_not_found(client, hidden_tags, language, name):
    for hidden in hidden_tags:
        response = client.get(url_in(language, name, slug=hidden.slug))

        assert response.status_code == 404, hidden.name


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", TAG_ADDRESSES)
def test_a_tag_of_a_published_story_is_found(client, language, name):
    StoryFactory(tags=["ข่าว"])

    assert client.get(url_in(language, name, slug=tag("ข่าว").slug)).status_code == 200


def test_a_tag_of_a_published_project_only_is_found(client):
    ResearchProjectFactory(tags=["ข้าว"])

    response = client.get(url_in("th", "stories:tag_detail", slug=tag("ข้าว").slug))

    assert response.status_code == 200
    assert list(response.context["projects"])


def test_public_tags_are_the_tags_readers_can_see(hidden_tags):
    StoryFactory(tags=["ข่าว"])
    ResearchProjectFactory(tags=["ข้าว"])
    StoryFactory(draft=True, tags=["ข่าว"])

    assert set(Tag.objects.public().values_list("name", flat=True)) == {"ข่าว", "ข้าว"}


def test_the_sitemap_lists_no_hidden_tag(client, hidden_tags):
    StoryFactory(tags=["ข่าว"])

    body = client.get("/sitemap-tags.xml").content.decode()

    assert f"/tags/{quote(tag('ข่าว').slug)}/" in body
    for hidden in hidden_tags:
        assert f"/tags/{quote(hidden.slug)}/" not in body


def test_story_list_treats_a_hidden_tag_like_an_unknown_one(client, hidden_tags):
    public = StoryFactory()

    for hidden in hidden_tags:
        response = client.get(url_in("th", "stories:story_list"), {"tag": hidden.slug})
        unknown = client.get(url_in("th", "stories:story_list"), {"tag": "no-such-tag"})

        assert list(response.context["stories"]) == list(unknown.context["stories"]) == [public]
        assert "tag" not in response.context["filters"]


@pytest.mark.parametrize("resource", ["stories", "projects"])
def test_api_treats_a_hidden_tag_like_an_unknown_one(client, hidden_tags, resource):
    StoryFactory()
    ResearchProjectFactory()

    unknown = client.get(f"/api/{resource}/", {"tag": "no-such-tag"})
    for hidden in hidden_tags:
        response = client.get(f"/api/{resource}/", {"tag": hidden.slug})

        assert response.status_code == unknown.status_code
        assert response.json() == unknown.json()
