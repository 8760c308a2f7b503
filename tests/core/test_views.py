import pytest

from core.views import first_rows
from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import html_lang, language_links, url_in

pytestmark = pytest.mark.django_db

OTHER_LANGUAGE = {"th": "en", "en": "th"}


# Every public page, and which object of the `site` fixture it shows (None: a list page).
PAGES = {
    "home": None,
    "cities:city_list": None,
    "cities:city_detail": "city",
    "projects:project_detail": "project",
    "projects:person_detail": "person",
    "stories:story_list": None,
    "stories:story_detail": "story",
    "stories:tag_detail": "tag",
}
PAGE_NAMES = list(PAGES)


def page_url(site, name, language):
    shown = PAGES[name]
    kwargs = {"slug": getattr(site, shown).slug} if shown else {}
    return url_in(language, name, **kwargs)


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_public_page_returns_200(client, site, name, language):
    assert client.get(page_url(site, name, language)).status_code == 200


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_public_page_declares_its_language(client, site, name, language):
    assert html_lang(client.get(page_url(site, name, language))) == language


def test_thai_pages_have_no_prefix_and_english_pages_live_under_en(site):
    assert page_url(site, "cities:city_detail", "th") == "/cities/chiang-mai/"
    assert page_url(site, "cities:city_detail", "en") == "/en/cities/chiang-mai/"


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_language_switcher_links_to_the_same_page_in_the_other_language(
    client, site, name, language
):
    other = OTHER_LANGUAGE[language]

    links = language_links(client.get(page_url(site, name, language)))

    assert links == {other: page_url(site, name, other)}


def test_language_switcher_keeps_the_query_string(client, site):
    response = client.get("/stories/?kind=news&city=chiang-mai")

    assert language_links(response) == {"en": "/en/stories/?kind=news&city=chiang-mai"}


def test_language_switcher_from_english_keeps_the_query_string(client, site):
    response = client.get("/en/cities/?region=north")

    assert language_links(response) == {"th": "/cities/?region=north"}


@pytest.mark.parametrize("language", ["th", "en"])
def test_unknown_address_is_404(client, language):
    prefix = "/en" if language == "en" else ""

    assert client.get(f"{prefix}/no-such-page/").status_code == 404


def test_404_page_declares_the_english_language_under_en(client):
    response = client.get("/en/cities/atlantis/")

    assert response.status_code == 404
    assert html_lang(response) == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(("stories", "has_more"), [(2, False), (3, False), (4, True)])
def test_first_rows_reads_one_row_more_to_tell_whether_there_are_more(
    django_assert_num_queries, stories, has_more
):
    StoryFactory.create_batch(stories)

    with django_assert_num_queries(1):
        rows, more = first_rows(Story.objects.order_by("pk"), 3)

    assert rows == list(Story.objects.order_by("pk")[:3])
    assert more is has_more
