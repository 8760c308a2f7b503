"""Last-Modified on public pages, and 304 for If-Modified-Since.

The date is that of the last content change, sent only once the change is
`pagecache.clock.SETTLE_SECONDS` old; the tests move the page cache's clock forward instead of
sleeping.
"""

import datetime
import math
import time

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from pagecache import clock as content_clock
from pagecache import middleware
from stories import workflow
from tests.factories import StoryFactory
from tests.pages import url_in

pytestmark = pytest.mark.django_db

LATER = content_clock.SETTLE_SECONDS + 1


@pytest.fixture(params=[False, True], ids=["page cache off", "page cache on"])
def page_cache(request, settings):
    settings.WECITIZENS_PAGE_CACHE = request.param
    return request.param


class Clock:
    def __init__(self):
        self.offset = 0.0

    def __call__(self):
        return time.time() + self.offset

    def advance(self, seconds):
        self.offset += seconds


@pytest.fixture
def clock(settings, monkeypatch, page_cache):
    settings.WECITIZENS_LAST_MODIFIED = True
    cache.clear()
    clock = Clock()
    monkeypatch.setattr(content_clock, "_clock", clock)
    yield clock
    cache.clear()


def last_modified(response):
    return parse_http_date(response["Last-Modified"])


def get_settled(client, url, clock):
    """The page once its last change is old enough to carry a date (a first request records
    the change time if the cache had none)."""
    client.get(url)
    clock.advance(LATER)
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_public_page_carries_the_time_of_the_last_change(client, site, clock):
    before = time.time()
    site.story.save()
    after = time.time()

    response = get_settled(client, site.story.get_absolute_url(), clock)

    assert before <= last_modified(response) <= math.ceil(after)


@pytest.mark.parametrize(
    "url",
    [
        lambda site: url_in("th", "home"),
        lambda site: url_in("en", "stories:story_list"),
        lambda site: site.city.get_absolute_url(),
        lambda site: site.tag.get_absolute_url(),
        lambda site: url_in("th", "feeds:stories_rss"),
        lambda site: "/sitemap.xml",
    ],
    ids=["home", "story list", "city", "tag", "feed", "sitemap"],
)
def test_a_repeat_visit_with_the_same_date_gets_304(client, site, clock, url):
    first = get_settled(client, url(site), clock)

    repeat = client.get(url(site), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert repeat.status_code == 304
    assert repeat.content == b""


def test_editing_a_story_gives_a_later_date_and_the_new_page(client, site, clock):
    url = site.story.get_absolute_url()
    before = get_settled(client, url, clock)
    clock.advance(5)

    site.story.title_th = "หัวเรื่องที่แก้แล้ว"
    site.story.save()
    during = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    after = get_settled(client, url, clock)
    repeat = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])

    assert during.status_code == 200 and not during.has_header("Last-Modified")
    assert "หัวเรื่องที่แก้แล้ว" in during.content.decode()
    assert last_modified(after) > last_modified(before)
    assert repeat.status_code == 200
    assert "หัวเรื่องที่แก้แล้ว" in repeat.content.decode()


def test_publishing_a_story_refreshes_the_list_for_a_returning_reader(
    client, site, clock, programme_staff
):
    url = url_in("th", "stories:story_list")
    draft = StoryFactory(draft=True, city=site.city, title_th="เรื่องเพิ่งเผยแพร่")
    before = get_settled(client, url, clock)
    assert "เรื่องเพิ่งเผยแพร่" not in before.content.decode()
    clock.advance(5)

    workflow.story_publish(story=draft, by=programme_staff)
    response = get_settled(client, url, clock)
    returning = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])

    assert last_modified(response) > last_modified(before)
    assert returning.status_code == 200
    assert "เรื่องเพิ่งเผยแพร่" in returning.content.decode()


def test_a_scheduled_story_moves_the_date_when_its_time_comes(client, site, clock, monkeypatch):
    now = timezone.now()
    publication = now + datetime.timedelta(seconds=60)
    StoryFactory(city=site.city, title_th="เรื่องที่ตั้งเวลาไว้", published_at=publication)
    url = url_in("th", "stories:story_list")
    before = get_settled(client, url, clock)
    assert "เรื่องที่ตั้งเวลาไว้" not in before.content.decode()
    assert last_modified(before) < publication.timestamp()

    later = now + datetime.timedelta(seconds=60 + LATER)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later.timestamp())
    clock.offset = later.timestamp() - time.time()
    returning = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])

    assert returning.status_code == 200
    assert "เรื่องที่ตั้งเวลาไว้" in returning.content.decode()
    assert last_modified(returning) == math.ceil(publication.timestamp())


def test_no_date_while_a_change_is_too_recent_to_tell_apart(client, site, clock):
    url = site.story.get_absolute_url()
    before = get_settled(client, url, clock)

    site.story.save()
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(time.time() + 3600))

    assert response.status_code == 200  # no date to compare: the page is sent
    assert not response.has_header("Last-Modified")
    assert before.has_header("Last-Modified")


def test_after_the_cache_is_cleared_the_date_starts_again_from_now(client, site, clock):
    url = site.story.get_absolute_url()
    before = get_settled(client, url, clock)
    clock.advance(5)

    cache.clear()
    right_after = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    settled = get_settled(client, url, clock)

    assert right_after.status_code == 200 and not right_after.has_header("Last-Modified")
    assert last_modified(settled) > last_modified(before)


def test_after_a_cache_clear_scheduled_publications_are_found_again(client, site, clock):
    publication = timezone.now() + datetime.timedelta(seconds=30)
    StoryFactory(published_at=publication)
    cache.clear()
    client.get("/")  # records the change time and the schedule afresh

    clock.advance(30 + LATER)
    record = cache.get(content_clock.CHANGED_KEY)

    assert record["upcoming"] == [publication.timestamp()]
    assert content_clock.content_last_modified() >= publication.timestamp()


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/portal/login/", "/portal/", "/healthz", "/account/login/"]
)
def test_admin_portal_health_and_sign_in_forms_have_no_date(client, site, clock, path):
    client.get(url_in("th", "home"))
    clock.advance(LATER)
    assert client.get(url_in("th", "home")).has_header("Last-Modified")  # a date is known

    response = client.get(path)

    assert response.status_code in (200, 302)
    assert not response.has_header("Last-Modified")


def test_signed_in_staff_get_no_date(staff_client, site, clock):
    response = get_settled(staff_client, site.story.get_absolute_url(), clock)

    assert not response.has_header("Last-Modified")


def test_a_page_with_a_form_gets_no_date(rf, settings):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    settings.WECITIZENS_LAST_MODIFIED = True
    request = rf.get("/privacy/")
    request.user = None

    def view(request):
        get_token(request)
        return HttpResponse("<form>")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(content_clock, "content_last_modified", lambda record=None: 1_700_000_000)
        response = middleware.AnonymousPageCacheMiddleware(view)(request)

    assert not response.has_header("Last-Modified")


def test_no_date_when_turned_off(client, site, settings, clock):
    settings.WECITIZENS_LAST_MODIFIED = False

    assert not get_settled(client, site.story.get_absolute_url(), clock).has_header("Last-Modified")


def test_a_cached_page_with_its_date_costs_no_query(
    client, site, clock, settings, django_assert_num_queries
):
    settings.WECITIZENS_PAGE_CACHE = True
    url = site.story.get_absolute_url()
    first = get_settled(client, url, clock)

    with django_assert_num_queries(0):
        hit = client.get(url)

    assert hit["X-Page-Cache"] == "hit"
    assert hit["Last-Modified"] == first["Last-Modified"]
