"""Query budgets at two sizes: every public page type costs the same, small number of SQL
queries whether the database holds 20 or 2,000 rows of what it lists.

The rows are bulk-inserted (as `generate_demo_data` does) so that 2,000 of them take a second;
each story carries a tag, a featured person and a research project, so translations, tags,
people and projects are all on the pages being counted.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cities.models import City
from core.content import content_changed
from stories.models import Story, StoryPerson, StoryStatus
from tags.models import TaggedItem
from tests.conftest import QUERY_BUDGET
from tests.pages import url_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thai_word_breaks_on(settings):
    """Pages as readers get them: Thai text marked to break between words (core.linebreaks)."""
    settings.WECITIZENS_THAI_WORD_BREAKS = True


SMALL, LARGE = 20, 2000


def add_stories(site, count, start):
    now = timezone.now()
    stories = Story.objects.bulk_create(
        Story(
            title=f"เรื่องตลาดน้ำ {start + n}",
            title_th=f"เรื่องตลาดน้ำ {start + n}",
            title_en=f"Floating market story {start + n}",
            excerpt_th="บทคัดย่อ",
            excerpt_en="In brief.",
            body_th="<p>ตลาดน้ำ</p>",
            body_en="<p>Market.</p>",
            slug=f"bulk-{start + n}",
            city=site.city,
            status=StoryStatus.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=start + n + 10),
        )
        for n in range(count)
    )
    story_type = ContentType.objects.get_for_model(Story)
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=site.tag, content_type=story_type, object_id=story.pk) for story in stories
    )
    StoryPerson.objects.bulk_create(
        StoryPerson(story=story, person=site.person) for story in stories
    )
    Story.projects.through.objects.bulk_create(
        Story.projects.through(story_id=story.pk, researchproject_id=site.project.pk)
        for story in stories
    )
    content_changed(Story.objects.filter(pk__in=[story.pk for story in stories]))


def add_cities(site, count, start):
    City.objects.bulk_create(
        City(
            name=f"เมือง {start + n}",
            name_th=f"เมือง {start + n}",
            name_en=f"City {start + n}",
            slug=f"bulk-city-{start + n}",
            province_th="น่าน",
            province_en="Nan",
            region=site.city.region,
            is_published=True,
        )
        for n in range(count)
    )


def story_pages(site):
    return {
        "home": url_in("th", "home"),
        "city": site.city.get_absolute_url(),
        "project": site.project.get_absolute_url(),
        "person": site.person.get_absolute_url(),
        "story list": url_in("th", "stories:story_list"),
        "story list, deep page": url_in("th", "stories:story_list") + "?page=100",
        "story list, English": url_in("en", "stories:story_list"),
        "story": site.story.get_absolute_url(),
        "tag": site.tag.get_absolute_url(),
        "search": url_in("th", "search:search") + "?q=ตลาดน้ำ",
        "search, deep page": url_in("th", "search:search") + "?q=ตลาดน้ำ&page=50",
        "rss": url_in("th", "feeds:stories_rss"),
        "atom": url_in("th", "feeds:stories_atom"),
        "city rss": url_in("th", "feeds:city_rss", slug=site.city.slug),
        "tag atom": url_in("th", "feeds:tag_atom", slug=site.tag.slug),
        "sitemap": "/sitemap.xml",
        "sitemap, stories": "/sitemap-stories.xml",
        "sitemap, tags": "/sitemap-tags.xml",
    }


def query_counts(client, urls, django_assert_max_num_queries):
    counts = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name  # warms per-process caches
        with django_assert_max_num_queries(QUERY_BUDGET) as queries:
            assert client.get(url).status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_pages_listing_stories_cost_the_same_queries_for_20_and_2000_stories(
    client, site, django_assert_max_num_queries
):
    urls = story_pages(site)
    add_stories(site, SMALL, 0)
    small = query_counts(client, urls, django_assert_max_num_queries)

    add_stories(site, LARGE - SMALL, SMALL)
    large = query_counts(client, urls, django_assert_max_num_queries)

    assert large == small


def test_city_list_and_home_cost_the_same_queries_for_20_and_2000_cities(
    client, site, django_assert_max_num_queries
):
    urls = {
        "city list": url_in("th", "cities:city_list"),
        "home": url_in("th", "home"),
        "sitemap": "/sitemap.xml",
        "sitemap, cities": "/sitemap-cities.xml",
    }
    add_cities(site, SMALL, 0)
    small = query_counts(client, urls, django_assert_max_num_queries)

    add_cities(site, LARGE - SMALL, SMALL)
    large = query_counts(client, urls, django_assert_max_num_queries)

    assert large == small


def test_story_list_pages_through_a_bounded_number_of_pages(client, site, settings):
    settings.WECITIZENS_MAX_LIST_PAGES = 3
    add_stories(site, 60, 0)

    response = client.get(url_in("th", "stories:story_list") + "?page=99")

    assert response.context["page_obj"].number == 3
    assert response.context["paginator"].num_pages == 3


def test_story_list_count_reads_a_bounded_number_of_rows(
    client, site, settings, django_assert_max_num_queries
):
    settings.WECITIZENS_MAX_LIST_PAGES = 3
    add_stories(site, 60, 0)

    with django_assert_max_num_queries(QUERY_BUDGET) as queries:
        client.get(url_in("th", "stories:story_list") + "?page=3")

    count_sql = next(q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"])
    assert "LIMIT 36" in count_sql
