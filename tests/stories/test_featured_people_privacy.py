"""Who appears publicly with a story: a person shows on any public surface only once staff
have confirmed them (Person.is_published) and, for anything tied to a story, only if their
consent for that story is given.

Each surface below answers one question ("does this person show here?") for one person in
every combination of confirmation and consent.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from stories.models import Consent
from tests.factories import CityFactory, PersonFactory, StoryFactory, StoryPersonFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(params=[True, False], ids=["confirmed", "unconfirmed"])
def confirmed(request):
    return request.param


@pytest.fixture(params=list(Consent), ids=[consent.value for consent in Consent])
def consent(request):
    return request.param


@pytest.fixture
def featured(confirmed, consent):
    """A published story featuring one person, who is linked to the site by nothing else
    (no project, no city of their own), next to a person who may always appear."""
    city = CityFactory(slug="matrix-city")
    story = StoryFactory(slug="matrix-story", city=city, title_th="เรื่องของเมือง")
    person = PersonFactory(
        slug="matrix-person", name_th="ปิยะนุช ลับเฉพาะ", name_en="Piyanut Private",
        is_published=confirmed,
    )  # fmt: skip
    other = PersonFactory(slug="matrix-other", name_th="วิไล ยินยอม")
    StoryPersonFactory(story=story, person=other, consent=Consent.GIVEN, order=0)
    StoryPersonFactory(story=story, person=person, consent=consent, order=1)
    return SimpleNamespace(city=city, story=story, person=person, other=other)


def page(client, name, **kwargs):
    response = client.get(url_in("th", name, **kwargs))
    assert response.status_code == 200
    return response.content.decode()


def without_scripts(html):
    return "".join(chunk.split("</script>", 1)[-1] for chunk in html.split("<script"))


def json_ld_blocks(html):
    marker = '<script type="application/ld+json">'
    return [json.loads(chunk.split("</script>", 1)[0]) for chunk in html.split(marker)[1:]]


def person_card_shown(html, person):
    """The person's card: their name, linking to their page."""
    return f'href="{person.get_absolute_url()}"' in html or person.name_th in html


# Each surface: (what the test reads, whether it shows the person). Both the story's other
# person and the story itself must show, so an empty answer cannot pass for a hidden one.


def story_page(client, s):
    html = without_scripts(page(client, "stories:story_detail", slug=s.story.slug))
    assert person_card_shown(html, s.other)
    return person_card_shown(html, s.person)


def story_page_json_ld(client, s):
    html = page(client, "stories:story_detail", slug=s.story.slug)
    (article,) = [block for block in json_ld_blocks(html) if block["@type"] == "Article"]
    about = [entry["url"] for entry in article.get("about", [])]
    assert any(url.endswith(s.other.get_absolute_url()) for url in about)
    return any(url.endswith(s.person.get_absolute_url()) for url in about)


def person_page_lists_story(client, s):
    response = client.get(url_in("th", "projects:person_detail", slug=s.person.slug))
    if response.status_code == 404:
        return False
    assert response.status_code == 200
    return f'href="{s.story.get_absolute_url()}"' in response.content.decode()


def city_page(client, s):
    html = without_scripts(page(client, "cities:city_detail", slug=s.city.slug))
    assert person_card_shown(html, s.other)
    return person_card_shown(html, s.person)


def story_list_person_filter(client, s):
    """The story list's person filter: an option for the person, and their stories."""
    html = page(client, "stories:story_list")
    assert f'value="{s.other.slug}"' in html
    option = f'value="{s.person.slug}"' in html
    response = client.get(url_in("th", "stories:story_list"), {"person": s.person.slug})
    # A person the filter does not know is ignored (the whole list shows), not an error.
    listed = "person" in response.context["filters"] and s.story in response.context["stories"]
    assert option == listed
    return listed


def feeds(client, s):
    """Feeds name no featured people at all, whatever their consent."""
    shown = []
    for name in ("feeds:stories_rss", "feeds:stories_atom", "feeds:city_rss", "feeds:city_atom"):
        kwargs = {"slug": s.city.slug} if name.startswith("feeds:city") else {}
        text = page(client, name, **kwargs)
        assert s.story.slug in text
        shown.append(s.person.slug in text or s.person.name_th in text)
    return any(shown)


def search(client, s):
    """Searching the person's name finds the story only through people who may show with it."""
    response = client.get(url_in("th", "search:search"), {"q": "ลับเฉพาะ"})
    assert response.status_code == 200
    html = without_scripts(response.content.decode())
    return f'href="{s.story.get_absolute_url()}"' in html


def api_story_people(client, s):
    (story,) = client.get("/api/stories/").json()["results"]
    assert s.other.slug in story["people"]
    return s.person.slug in story["people"]


def csv_story_people(client, s):
    text = client.get("/api/stories.csv").content.decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert s.other.slug in row["people"]
    return s.person.slug in row["people"]


STORY_SURFACES = {
    "story-page": story_page,
    "story-json-ld": story_page_json_ld,
    "person-page-stories": person_page_lists_story,
    "city-page": city_page,
    "story-list-person-filter": story_list_person_filter,
    "api-json": api_story_people,
    "csv": csv_story_people,
}


@pytest.mark.parametrize("surface", STORY_SURFACES.values(), ids=STORY_SURFACES.keys())
def test_person_shows_with_a_story_only_if_confirmed_and_consenting(
    client, featured, surface, confirmed, consent
):
    assert surface(client, featured) == (confirmed and consent == Consent.GIVEN)


@pytest.mark.parametrize("surface", [feeds, search], ids=["feeds", "search"])
def test_person_is_never_named_with_a_story_in_feeds_or_search(client, featured, surface):
    assert surface(client, featured) is False


# A person's own page, and the lists of people pages (sitemap, API and CSV of people, search
# results of kind person), exist for people staff have confirmed: Person.is_published.


def person_page_exists(client, s):
    status = client.get(url_in("th", "projects:person_detail", slug=s.person.slug)).status_code
    assert status in (200, 404)
    return status == 200


def sitemap_lists_person(client, s):
    response = client.get("/sitemap-people.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [
        url.findtext("s:loc", namespaces=SITEMAP_NS) for url in root.findall("s:url", SITEMAP_NS)
    ]
    assert any(loc.endswith(s.other.get_absolute_url()) for loc in locs)
    return any(loc.endswith(s.person.get_absolute_url()) for loc in locs)


def api_people(client, s):
    slugs = [person["slug"] for person in client.get("/api/people/").json()["results"]]
    assert s.other.slug in slugs
    return s.person.slug in slugs


def csv_people(client, s):
    text = client.get("/api/people.csv").content.decode("utf-8-sig")
    slugs = [row["slug"] for row in csv.DictReader(io.StringIO(text))]
    assert s.other.slug in slugs
    return s.person.slug in slugs


def search_person_result(client, s):
    response = client.get(url_in("th", "search:search"), {"q": "ลับเฉพาะ"})
    return f'href="{s.person.get_absolute_url()}"' in without_scripts(response.content.decode())


PERSON_SURFACES = {
    "person-page": person_page_exists,
    "sitemap": sitemap_lists_person,
    "api-people": api_people,
    "csv-people": csv_people,
    "search-person": search_person_result,
}


@pytest.mark.parametrize("surface", PERSON_SURFACES.values(), ids=PERSON_SURFACES.keys())
def test_person_page_and_lists_of_people_show_confirmed_people_only(
    client, featured, surface, confirmed
):
    assert surface(client, featured) == confirmed


# The seed content: its stories name the mayor and the lead researcher, but no one recorded
# their consent, so loading it records none and the pages leave them out until staff do.


def seed_features():
    from stories.models import StoryPerson

    return StoryPerson.objects.select_related("story", "person").order_by("pk")


def test_loading_the_seed_records_no_consent_and_names_no_one_with_a_story(client):
    from django.core.management import call_command

    call_command("load_content", stdout=io.StringIO())

    features = list(seed_features())
    assert features and {feature.consent for feature in features} == {Consent.UNKNOWN}
    for feature in features:
        html = without_scripts(page(client, "stories:story_detail", slug=feature.story.slug))
        assert f'href="{feature.person.get_absolute_url()}"' not in html
        # Their own pages stay: staff confirmed them as the programme's people.
        assert person_page_exists(client, SimpleNamespace(person=feature.person))


def test_reloading_the_seed_keeps_the_consent_staff_recorded(client):
    from django.core.management import call_command

    call_command("load_content", stdout=io.StringIO())
    feature = seed_features().first()
    feature.consent, feature.consent_note = Consent.GIVEN, "แบบฟอร์มลงนาม 3 มีนาคม 2567"
    feature.save()

    call_command("load_content", refresh=True, stdout=io.StringIO())

    feature.refresh_from_db()
    assert (feature.consent, feature.consent_note) == (Consent.GIVEN, "แบบฟอร์มลงนาม 3 มีนาคม 2567")
    html = without_scripts(page(client, "stories:story_detail", slug=feature.story.slug))
    assert f'href="{feature.person.get_absolute_url()}"' in html
