import pytest

from redirects.models import SlugRedirect
from redirects.paths import normalize_path
from tests.factories import CityFactory, PersonFactory, ResearchProjectFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "section"),
    [
        pytest.param(CityFactory, "cities", id="city"),
        pytest.param(PersonFactory, "people", id="person"),
        pytest.param(ResearchProjectFactory, "projects", id="project"),
        pytest.param(StoryFactory, "stories", id="story"),
    ],
)
@pytest.mark.parametrize("prefix", ["", "/en"], ids=["thai", "english"])
def test_a_changed_slug_redirects_permanently_in_its_language(client, factory, section, prefix):
    obj = factory(slug="old-slug")
    obj.slug = "new-slug"
    obj.save()

    response = client.get(f"{prefix}/{section}/old-slug/")

    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/{section}/new-slug/"
    assert client.get(response["Location"]).status_code == 200


def test_the_query_string_survives_the_redirect(client):
    story = StoryFactory(slug="old-slug")
    story.slug = "new-slug"
    story.save()

    response = client.get("/stories/old-slug/?utm_source=line")

    assert response["Location"] == "/stories/new-slug/?utm_source=line"


def test_a_slug_changed_twice_sends_the_first_address_straight_to_the_last(client):
    story = StoryFactory(slug="first")
    for slug in ("second", "third"):
        story.slug = slug
        story.save()

    assert client.get("/stories/first/")["Location"] == "/stories/third/"
    assert client.get("/stories/second/")["Location"] == "/stories/third/"


def test_going_back_to_an_old_slug_serves_it_again(client):
    story = StoryFactory(slug="first")
    story.slug = "second"
    story.save()
    story.slug = "first"
    story.save()

    assert client.get("/stories/first/").status_code == 200
    assert client.get("/stories/second/")["Location"] == "/stories/first/"


def test_staff_can_add_a_redirect_by_hand(admin_client, client):
    StoryFactory(slug="merged-story")
    admin_client.post(
        "/admin/redirects/slugredirect/add/",
        {"old_path": "/en/stories/two-halves", "new_path": "/stories/merged-story/"},
    )

    assert SlugRedirect.objects.get().old_path == "/stories/two-halves/"
    assert client.get("/stories/two-halves/")["Location"] == "/stories/merged-story/"
    assert client.get("/en/stories/two-halves/")["Location"] == "/en/stories/merged-story/"


def test_an_unknown_address_is_still_a_404(client):
    assert client.get("/stories/never-existed/").status_code == 404


def test_a_redirect_cannot_point_to_another_site():
    assert normalize_path("//evil.example/") == "/evil.example/"
    assert normalize_path("https://evil.example/x") == "/x/"


def test_the_models_whose_address_holds_a_slug_declare_it():
    from cities.models import City
    from core.content import content_models
    from projects.models import Person, ResearchProject
    from stories.models import Story

    assert set(content_models(redirects_old_slugs=True)) == {City, Person, ResearchProject, Story}
