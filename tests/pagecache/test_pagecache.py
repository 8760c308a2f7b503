"""Anonymous page cache: hits, what is never cached, and exact invalidation."""

import datetime
import time
import uuid

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from cities.models import City
from pagecache import clock, middleware, requests
from stories.models import Story, StoryStatus
from tests.factories import MilestoneFactory, PersonFactory, StoryFactory, StoryPersonFactory
from tests.pages import public_urls, url_in

pytestmark = pytest.mark.django_db


REDIS_TEST_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def page_cache_on(request, settings):
    """Every test runs on each process's local memory and on the shared Redis (production)."""
    settings.WECITIZENS_PAGE_CACHE = True
    if request.param == "redis":
        # A prefix of its own: other processes on this machine use the same Redis server.
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": REDIS_TEST_URL,
                "KEY_PREFIX": f"wc-test-{uuid.uuid4().hex}",
            }
        }
        yield
        cache.delete_pattern("*")
    else:
        cache.clear()
        yield
        cache.clear()


def warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, site, django_assert_num_queries
):
    url = site.story.get_absolute_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cached_page_keeps_its_security_headers(client, site):
    url = site.story.get_absolute_url()
    client.get(url)

    hit = client.get(url)

    assert "default-src" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit.has_header("ETag")


def test_languages_are_cached_apart(client, site):
    client.get(url_in("th", "home"))

    english = client.get(url_in("en", "home"))

    assert english["X-Page-Cache"] == "miss"
    assert english.content.decode().count('lang="en"') >= 1


def test_signed_in_staff_is_never_served_or_stored_in_the_cache(staff_client, site):
    url = site.story.get_absolute_url()
    staff_client.get(url)

    response = staff_client.get(url)

    assert not response.has_header("X-Page-Cache")


def test_a_page_cached_for_readers_is_not_served_to_staff(client, staff_user, site):
    url = site.story.get_absolute_url()
    client.get(url)
    client.force_login(staff_user)

    assert not client.get(url).has_header("X-Page-Cache")


@pytest.mark.parametrize("path", ["/admin/login/", "/portal/", "/healthz"])
def test_admin_portal_and_health_are_never_cached(client, db, path):
    client.get(path)

    assert not client.get(path).has_header("X-Page-Cache")


def test_page_that_used_a_csrf_token_is_not_cached(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    request = rf.get("/")
    get_token(request)  # what {% csrf_token %} in a form does

    assert not requests.response_is_cacheable(request, HttpResponse("<form>"))


def test_plain_public_response_is_cacheable(rf):
    from django.http import HttpResponse

    assert requests.response_is_cacheable(rf.get("/"), HttpResponse("<p>"))


def test_response_that_sets_a_cookie_is_not_cached(rf):
    from django.http import HttpResponse

    response = HttpResponse("<p>")
    response.set_cookie("anything", "1")

    assert not requests.response_is_cacheable(rf.get("/"), response)


def test_request_with_a_session_cookie_is_not_served_from_the_cache(client, site):
    url = site.story.get_absolute_url()
    client.get(url)
    client.cookies["sessionid"] = "whatever"

    assert not client.get(url).has_header("X-Page-Cache")


def test_not_found_is_not_cached(client, db):
    client.get("/stories/no-such-story/")

    assert not client.get("/stories/no-such-story/").has_header("X-Page-Cache")


def edit_story_title(site):
    site.story.title_th = "หัวเรื่องใหม่ล่าสุด"
    site.story.save()
    return "หัวเรื่องใหม่ล่าสุด", [
        url_in("th", "home"),
        site.city.get_absolute_url(),
        url_in("th", "stories:story_list"),
        site.story.get_absolute_url(),
        site.tag.get_absolute_url(),
        url_in("th", "feeds:stories_rss"),
    ]


def edit_city_name(site):
    site.city.name_th = "เมืองชื่อใหม่"
    site.city.save()
    return "เมืองชื่อใหม่", [
        url_in("th", "cities:city_list"),
        site.city.get_absolute_url(),
        site.project.get_absolute_url(),
        site.story.get_absolute_url(),
    ]


def edit_programme_name(site):
    site.programme.name_th = site.programme.short_name_th = "แผนงานชื่อใหม่"
    site.programme.save()
    return "แผนงานชื่อใหม่", [site.city.get_absolute_url(), site.project.get_absolute_url()]


def edit_person_name(site):
    site.person.name_th = "บุคคลชื่อใหม่"
    site.person.save()
    return "บุคคลชื่อใหม่", [
        site.person.get_absolute_url(),
        site.project.get_absolute_url(),
        site.story.get_absolute_url(),
    ]


def edit_project_title(site):
    site.project.title_th = "ชุดโครงการชื่อใหม่"
    site.project.save()
    return "ชุดโครงการชื่อใหม่", [site.project.get_absolute_url(), site.city.get_absolute_url()]


def edit_subproject_title(site):
    sub = site.project.subprojects.get()
    sub.title_th = "โครงการย่อยชื่อใหม่"
    sub.save()
    return "โครงการย่อยชื่อใหม่", [site.project.get_absolute_url()]


def add_milestone(site):
    MilestoneFactory(project=site.project, title_th="หมุดหมายใหม่")
    return "หมุดหมายใหม่", [site.project.get_absolute_url()]


def add_story_person(site):
    StoryPersonFactory(story=site.story, person=PersonFactory(name_th="ผู้ให้สัมภาษณ์ใหม่"))
    return "ผู้ให้สัมภาษณ์ใหม่", [site.story.get_absolute_url()]


def add_tag(site):
    site.story.tags.add("แท็กใหม่เอี่ยม")
    return "แท็กใหม่เอี่ยม", [site.story.get_absolute_url()]


def publish_new_story(site):
    StoryFactory(city=site.city, title_th="เรื่องใหม่เพิ่งเผยแพร่", tags=["เมืองแห่งการเรียนรู้"])
    return "เรื่องใหม่เพิ่งเผยแพร่", [
        url_in("th", "home"),
        site.city.get_absolute_url(),
        url_in("th", "stories:story_list"),
        site.tag.get_absolute_url(),
        url_in("th", "feeds:stories_rss"),
    ]


CHANGES = [
    edit_story_title,
    edit_city_name,
    edit_programme_name,
    edit_person_name,
    edit_project_title,
    edit_subproject_title,
    add_milestone,
    add_story_person,
    add_tag,
    publish_new_story,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_every_page_showing_a_change_shows_it_at_once(client, site, change):
    warm(client, public_urls(site))

    text, urls = change(site)

    for url in urls:
        response = client.get(url)
        assert text in response.content.decode(), url


def test_unpublishing_a_story_removes_it_from_every_cached_page(client, site):
    title = site.story.title_th
    warm(client, public_urls(site))

    site.story.status = StoryStatus.ARCHIVED
    site.story.save()

    assert client.get(site.story.get_absolute_url()).status_code == 404
    for url in [url_in("th", "home"), url_in("th", "stories:story_list"), "/sitemap-stories.xml"]:
        content = client.get(url).content.decode()
        assert title not in content and site.story.slug not in content, url


def test_deleting_a_story_removes_it_from_cached_lists(client, site):
    title = site.story.title_th
    warm(client, public_urls(site))

    Story.objects.get(pk=site.story.pk).delete()

    assert title not in client.get(url_in("th", "stories:story_list")).content.decode()


def test_bulk_unpublish_of_cities_in_the_admin_refreshes_cached_pages(client, site):
    from django.contrib.auth import get_user_model
    from django.test import Client

    warm(client, public_urls(site))
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "x"))

    admin.post(
        "/admin/cities/city/",
        {"action": "unpublish_selected", "_selected_action": [site.city.pk]},
    )

    assert not City.objects.get(pk=site.city.pk).is_published
    assert client.get(site.city.get_absolute_url()).status_code == 404
    assert site.city.name_th not in client.get(url_in("th", "cities:city_list")).content.decode()


def test_no_page_is_cached_beyond_the_next_scheduled_publication(client, site):
    StoryFactory(published_at=timezone.now() + datetime.timedelta(seconds=90))

    timeout = middleware.page_timeout()

    assert 0 < timeout <= 90


def test_scheduled_story_appears_on_cached_pages_when_its_time_comes(client, site):
    # Real time, not a patched clock: Redis expires entries by its own clock.
    publish_at = timezone.now() + datetime.timedelta(seconds=3)
    StoryFactory(city=site.city, title_th="เรื่องที่ตั้งเวลาไว้", published_at=publish_at)
    url = url_in("th", "stories:story_list")
    assert "เรื่องที่ตั้งเวลาไว้" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    time.sleep(max(0, (publish_at - timezone.now()).total_seconds()) + 0.05)

    response = client.get(url)
    assert "เรื่องที่ตั้งเวลาไว้" in response.content.decode()


def test_a_stored_page_from_an_older_content_version_is_not_served(client, rf, site):
    url = site.story.get_absolute_url()
    client.get(url)
    with translation.override("th"):
        key = middleware.page_key(rf.get(url))
    version, response = clock.cache().get(key)
    clock.cache().set(key, (version - 1, response))

    assert client.get(url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_a_transaction_of_many_changes_moves_the_version_on_once_more_when_it_commits(client, site):
    url = url_in("th", "stories:story_list")
    with transaction.atomic():
        for number in range(5):
            site.story.title_th = f"แก้ครั้งที่ {number}"
            site.story.save()
        during = clock.content_version()

    assert clock.content_version() == during + 1
    assert "แก้ครั้งที่ 4" in client.get(url).content.decode()
