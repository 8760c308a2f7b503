import datetime
import itertools

import pytest

from stories.models import StoryKind
from stories.views import FILTER_CITIES_MAX, FILTER_PEOPLE_MAX
from tags.models import Tag
from tests.factories import (
    CityFactory,
    PersonFactory,
    ResearchProjectFactory,
    StoryFactory,
    StoryPersonFactory,
    UserFactory,
)
from tests.pages import html_lang, language_of, parse, url_in

pytestmark = pytest.mark.django_db


def story_list(client, language="th", **params):
    response = client.get(url_in(language, "stories:story_list"), params)
    assert response.status_code == 200
    return response


# The story list


@pytest.mark.parametrize("language", ["th", "en"])
def test_story_list_shows_only_public_stories(client, language):
    public = StoryFactory()
    StoryFactory(draft=True)
    StoryFactory(scheduled=True)
    StoryFactory(city=CityFactory(is_published=False))

    assert list(story_list(client, language).context["stories"]) == [public]


def test_story_list_filters_by_city(client):
    story = StoryFactory()
    StoryFactory()

    assert list(story_list(client, city=story.city.slug).context["stories"]) == [story]


def test_story_list_filters_by_kind(client):
    news = StoryFactory(kind=StoryKind.NEWS)
    StoryFactory(kind=StoryKind.INTERVIEW)

    assert list(story_list(client, kind="news").context["stories"]) == [news]


def test_story_list_filters_by_tag(client):
    tagged = StoryFactory(tags=["ข้าว"])
    StoryFactory(tags=["ข่าว"])

    response = story_list(client, tag=Tag.objects.get(name="ข้าว").slug)

    assert list(response.context["stories"]) == [tagged]


@pytest.mark.parametrize(
    "params",
    [
        {"city": "zzz"},
        {"kind": "zzz"},
        {"tag": "zzz"},
        {"city": "chiang-mai\x00"},
        {"tag": "x" * 5000},
    ],
    ids=["unknown-city", "unknown-kind", "unknown-tag", "nul-character", "very-long"],
)
def test_story_list_ignores_filter_values_that_match_nothing(client, params):
    stories = set(StoryFactory.create_batch(2))

    assert set(story_list(client, **params).context["stories"]) == stories


def test_story_list_ignores_a_filter_for_an_unpublished_city(client):
    hidden_city = CityFactory(is_published=False)
    stories = set(StoryFactory.create_batch(2))

    assert set(story_list(client, city=hidden_city.slug).context["stories"]) == stories


@pytest.mark.parametrize(
    ("page", "expected_page"),
    [("abc", 1), ("99999", 2), ("0", 2), ("-1", 2), ("2", 2)],
)
def test_story_list_page_number_out_of_range_shows_a_real_page(client, page, expected_page):
    StoryFactory.create_batch(13)

    response = story_list(client, page=page)

    assert response.context["page_obj"].number == expected_page


def test_story_list_query_count_does_not_grow_with_stories(assert_queries_do_not_grow):
    def add_stories(count):
        StoryFactory.create_batch(count, tags=["ข่าว"])

    assert_queries_do_not_grow(url_in("th", "stories:story_list"), add_stories)


# The story list's filter choices stay short, whatever the size of the site


def select_options(response, name):
    """The values of the <select name=…> options, or None when the page has no such select."""
    page = parse(response)
    in_select, options, found = False, [], False
    for tag, attrs in page.elements:
        if tag == "select":
            in_select = attrs.get("name") == name
            found = found or in_select
        elif tag == "option" and in_select:
            options.append(attrs.get("value"))
        elif tag not in ("option",):
            in_select = False
    return options[1:] if found else None  # options[0] is "all"


def test_year_choices_run_from_the_newest_public_story_back_to_the_oldest(client):
    def dated(year, **kwargs):
        moment = datetime.datetime(year, 6, 1, tzinfo=datetime.UTC)
        return StoryFactory(published_at=moment, **kwargs)

    dated(2019)
    dated(2022)
    dated(2010, status="draft")
    StoryFactory(scheduled=True)

    response = story_list(client)

    assert response.context["years"] == [2022, 2021, 2020, 2019]
    assert select_options(response, "year") == ["2022", "2021", "2020", "2019"]


def test_year_choices_are_left_out_without_dated_stories(client):
    StoryFactory(published_at=None)

    assert select_options(story_list(client), "year") is None


def test_person_choices_list_the_featured_people_while_they_are_few(client):
    featured = [StoryPersonFactory().person for _ in range(FILTER_PEOPLE_MAX)]
    PersonFactory()  # in no story
    StoryPersonFactory(story=StoryFactory(draft=True))

    options = select_options(story_list(client), "person")

    assert sorted(options) == sorted(person.slug for person in featured)


def test_person_choices_are_left_out_when_many_people_are_featured(client):
    StoryPersonFactory.create_batch(FILTER_PEOPLE_MAX + 1)

    assert select_options(story_list(client), "person") is None


def test_person_filter_works_without_its_select_and_shows_a_removable_chip(client):
    StoryPersonFactory.create_batch(FILTER_PEOPLE_MAX + 1)
    person = PersonFactory(name_th="สมหญิง รักเมือง", honorific_th="")
    story = StoryPersonFactory(person=person).story

    response = story_list(client, person=person.slug, kind="article")

    assert list(response.context["stories"]) == [story]
    page = response.content.decode()
    assert f'<input type="hidden" name="person" value="{person.slug}">' in page
    assert "สมหญิง รักเมือง" in page
    assert 'href="?kind=article"' in page  # the chip's "show everyone" keeps the other filters


def test_city_choices_are_left_out_beyond_100_cities_and_the_filter_still_works(client):
    CityFactory.create_batch(FILTER_CITIES_MAX)
    city = CityFactory(name_th="น่าน")
    story = StoryFactory(city=city)
    StoryFactory()

    response = story_list(client, city=city.slug)

    assert select_options(response, "city") is None
    assert select_options(response, "region") is not None
    assert list(response.context["stories"]) == [story]
    page = response.content.decode()
    assert f'<input type="hidden" name="city" value="{city.slug}">' in page
    assert "น่าน" in page
    assert 'href="?">' in page  # the chip's "show every city"


def test_city_choices_list_every_published_city_while_there_are_few(client):
    cities = CityFactory.create_batch(3)
    CityFactory(is_published=False)

    options = select_options(story_list(client, city=cities[0].slug), "city")

    assert sorted(options) == sorted(city.slug for city in cities)
    assert b"active-filters" not in story_list(client, city=cities[0].slug).content


def test_story_list_query_count_does_not_grow_with_featured_people(assert_queries_do_not_grow):
    def add_people(count):
        StoryPersonFactory.create_batch(count)

    assert_queries_do_not_grow(url_in("th", "stories:story_list"), add_people)


def test_story_list_query_count_does_not_grow_with_cities(assert_queries_do_not_grow):
    def add_cities(count):
        CityFactory.create_batch(count)

    assert_queries_do_not_grow(url_in("th", "stories:story_list"), add_cities)


# A story's page


@pytest.mark.parametrize("language", ["th", "en"])
def test_story_page_returns_200(client, site, language):
    response = client.get(url_in(language, "stories:story_detail", slug=site.story.slug))

    assert response.status_code == 200
    assert html_lang(response) == language


def test_unknown_story_is_404(client):
    assert client.get(url_in("en", "stories:story_detail", slug="no-such-story")).status_code == 404


@pytest.mark.parametrize(
    "story_kwargs",
    [
        {"draft": True},
        {"status": "submitted"},
        {"status": "archived"},
        {"scheduled": True},
        {"city__is_published": False},
    ],
    ids=["draft", "submitted", "archived", "scheduled", "unpublished-city"],
)
def test_hidden_story_is_404_to_the_public_and_previewed_by_staff(client, staff_user, story_kwargs):
    story = StoryFactory(**story_kwargs)

    assert client.get(story.get_absolute_url()).status_code == 404

    client.force_login(staff_user)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert response.context["is_preview"]
    assert b"preview-banner" in response.content
    assert "no-store" in response.headers["Cache-Control"]


def test_published_story_has_no_preview_banner_for_staff(staff_client):
    response = staff_client.get(StoryFactory().get_absolute_url())

    assert not response.context["is_preview"]
    assert b"preview-banner" not in response.content


def test_story_body_is_rendered_as_html(client):
    story = StoryFactory(body_th="<p>ย่อหน้า <strong>สำคัญ</strong></p>")

    response = client.get(story.get_absolute_url())

    assert "<strong>สำคัญ</strong>" in response.content.decode()


def test_english_story_page_marks_untranslated_thai_text(client):
    story = StoryFactory(title_en="", body_th="<p>เนื้อเรื่องภาษาไทย</p>", body_en="")

    response = client.get(url_in("en", "stories:story_detail", slug=story.slug))

    assert language_of(response, story.title_th) == "th"
    assert language_of(response, "เนื้อเรื่องภาษาไทย") == "th"
    assert language_of(response, "Not yet translated") == "en"


def test_thai_story_page_marks_english_only_text(client):
    story = StoryFactory(
        title_th="", title_en="Only in English", excerpt_th="", body_th="", body_en="<p>Body</p>"
    )

    response = client.get(url_in("th", "stories:story_detail", slug=story.slug))

    assert language_of(response, "Only in English") == "en"
    assert language_of(response, "Body") == "en"


def test_story_page_lists_related_public_stories_of_the_same_city_or_tag(client):
    story = StoryFactory(tags=["ข้าว"])
    same_city = StoryFactory(city=story.city)
    same_tag = StoryFactory(tags=["ข้าว"])
    StoryFactory(city=story.city, draft=True)
    StoryFactory()

    response = client.get(story.get_absolute_url())

    assert set(response.context["related_stories"]) == {same_city, same_tag}


def test_story_page_lists_the_three_newest_related_stories_each_once_undated_last(client):
    story = StoryFactory(tags=["ข้าว"])
    now = datetime.datetime.now(datetime.UTC)
    StoryFactory(city=story.city, published_at=None)
    both = StoryFactory(city=story.city, tags=["ข้าว"], published_at=now - datetime.timedelta(3))
    newest = StoryFactory(tags=["ข้าว"], published_at=now - datetime.timedelta(2))
    old = StoryFactory(tags=["ข้าว"], published_at=now - datetime.timedelta(9))

    response = client.get(story.get_absolute_url())

    assert list(response.context["related_stories"]) == [newest, both, old]


def test_story_page_lists_undated_related_stories_after_dated_ones(client):
    story = StoryFactory()
    undated = StoryFactory(city=story.city, published_at=None)
    dated = StoryFactory(city=story.city)

    response = client.get(story.get_absolute_url())

    assert list(response.context["related_stories"]) == [dated, undated]


def test_story_page_lists_only_public_projects(client):
    public = ResearchProjectFactory()
    story = StoryFactory(projects=[public, ResearchProjectFactory(is_published=False)])

    response = client.get(story.get_absolute_url())

    assert list(response.context["projects"]) == [public]


def test_story_page_query_count_does_not_grow_with_people_projects_and_tags(
    assert_queries_do_not_grow,
):
    story = StoryFactory()
    numbers = itertools.count()

    def add_content(count):
        for _ in range(count):
            StoryPersonFactory(story=story, person=PersonFactory())
            story.projects.add(ResearchProjectFactory())
            story.tags.add(f"แท็ก {next(numbers)}")
            StoryFactory(city=story.city)

    assert_queries_do_not_grow(story.get_absolute_url(), add_content)


# A tag's page


@pytest.mark.parametrize("language", ["th", "en"])
def test_tag_page_returns_200(client, site, language):
    response = client.get(url_in(language, "stories:tag_detail", slug=site.tag.slug))

    assert response.status_code == 200
    assert html_lang(response) == language


def test_tag_page_lists_public_stories_and_projects_with_the_tag(client):
    story = StoryFactory(tags=["ข่าว"])
    project = ResearchProjectFactory(tags=["ข่าว"])
    StoryFactory(tags=["ข่าว"], draft=True)
    ResearchProjectFactory(tags=["ข่าว"], is_published=False)
    StoryFactory(tags=["ข้าว"])
    tag = Tag.objects.get(name="ข่าว")

    response = client.get(tag.get_absolute_url())

    assert list(response.context["stories"]) == [story]
    assert list(response.context["projects"]) == [project]


def test_tags_differing_only_in_tone_marks_have_separate_pages(client):
    StoryFactory(tags=["ข่าว", "ข้าว", "ขาว"])

    for tag in Tag.objects.all():
        response = client.get(tag.get_absolute_url())
        assert response.status_code == 200
        assert response.context["tag"] == tag


def test_unknown_tag_is_404(client):
    assert client.get(url_in("th", "stories:tag_detail", slug="tag-00000000")).status_code == 404


@pytest.mark.parametrize("page", ["abc", "99999"])
def test_tag_page_number_out_of_range_is_200(client, page):
    StoryFactory(tags=["ข่าว"])

    response = client.get(Tag.objects.get().get_absolute_url(), {"page": page})

    assert response.status_code == 200


def test_tag_page_query_count_does_not_grow_with_stories(assert_queries_do_not_grow):
    tag = Tag.objects.create(name="ข่าว")

    def add_tagged(count):
        for _ in range(count):
            StoryFactory(tags=[tag])
            ResearchProjectFactory(tags=[tag])

    assert_queries_do_not_grow(tag.get_absolute_url(), add_tagged)


def test_hidden_story_is_404_to_a_logged_in_reader_who_is_not_staff(client):
    client.force_login(UserFactory())

    assert client.get(StoryFactory(draft=True).get_absolute_url()).status_code == 404


def test_tag_page_shows_its_newest_projects_and_links_to_all_of_them(client):
    tag = Tag.objects.create(name="ข่าว")
    projects = [ResearchProjectFactory(tags=[tag], start_year=2000 + n) for n in range(8)]

    response = client.get(tag.get_absolute_url())

    newest_first = projects[::-1]
    assert list(response.context["projects"]) == newest_first[:6]
    all_url = url_in("th", "stories:tag_projects", slug=tag.slug)
    links = [attrs.get("href") for tag_name, attrs in parse(response).elements if tag_name == "a"]
    assert all_url in links


def test_tag_page_without_more_projects_has_no_link_to_them(client):
    tag = Tag.objects.create(name="ข่าว")
    ResearchProjectFactory(tags=[tag])

    response = client.get(tag.get_absolute_url())

    assert url_in("th", "stories:tag_projects", slug=tag.slug) not in response.content.decode()


@pytest.mark.parametrize("language", ["th", "en"])
def test_tag_projects_page_lists_every_published_project_with_the_tag_paged(client, language):
    tag = Tag.objects.create(name="ข่าว")
    published = [ResearchProjectFactory(tags=[tag]) for _ in range(25)]
    ResearchProjectFactory(tags=[tag], is_published=False)
    ResearchProjectFactory(tags=["ข้าว"])
    url = url_in(language, "stories:tag_projects", slug=tag.slug)

    first, second = client.get(url), client.get(url, {"page": 2})

    assert first.status_code == second.status_code == 200
    shown = list(first.context["projects"]) + list(second.context["projects"])
    assert sorted(project.pk for project in shown) == sorted(p.pk for p in published)
    assert first.context["paginator"].count == 25
    assert html_lang(first) == language


def test_tag_projects_page_of_an_unknown_tag_is_404(client):
    url = url_in("th", "stories:tag_projects", slug="tag-00000000")

    assert client.get(url).status_code == 404


def test_tag_projects_page_query_count_does_not_grow(assert_queries_do_not_grow):
    tag = Tag.objects.create(name="ข่าว")

    def add_tagged(count):
        for _ in range(count):
            ResearchProjectFactory(tags=[tag])

    assert_queries_do_not_grow(url_in("th", "stories:tag_projects", slug=tag.slug), add_tagged)
