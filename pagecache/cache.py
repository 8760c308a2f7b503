"""Whole-page cache for anonymous readers, invalidated exactly by a content version.

Design: every cached page is stored together with the *content version* it was rendered
under, one integer kept in the shared cache, and is served only while that is still the
current version (both are read in one round trip to the cache). Any save or delete of a
content model (cities, programmes, people, projects, sub-projects, milestones, stories, story
people, tags…), any change of a many-to-many link between them, and every bulk path the
services use (they all call `search.indexing.reindex`, which bumps too) increments that
integer. From then on every stored page is out of date, so no page can be served from before
the change: its own page, its city, the lists, home, feeds, sitemap and search are all
rendered afresh on their next request. An out-of-date entry is replaced the next time its
page is rendered, or expires. This is coarse (one edit refreshes every page) but exact, and
an edit is rare next to reads.

The version is bumped at once and again when the transaction commits: a reader that renders a
page between the two (seeing the old, still uncommitted data) stores it with the
intermediate version, which the commit-time bump makes out of date.

A story scheduled for later must appear on time: no page is cached beyond the next scheduled
publication (see `seconds_until_next_publication`).

Last-Modified: next to the version the cache keeps the time of the last content change
and the scheduled publications still to come (`record_change`). Every response the page cache
may keep, whether the cache is on or off, carries Last-Modified: the later of that change and
the last scheduled publication that has since come, so ConditionalGetMiddleware answers a repeat
visit's If-Modified-Since with 304. HTTP dates count whole seconds, so two changes within one
second would share a date: a date is only sent once the change is SETTLE_SECONDS old, when any
later change must fall in a later second. The time is read before the page is rendered, never
after, so a page never claims a change it may not show. After the cache is cleared or evicted
the time starts again at "now" (a later date than any given before, so nobody gets a stale 304).

Never cached: anything but GET/HEAD, signed-in users (staff previews, the portal, the admin),
review links, responses that set a cookie or used a CSRF token, that carry messages, that are
not 200, or that are streamed. With several processes the version must live in a shared cache
(Redis through REDIS_URL); local memory is exact only within one process.
"""

import datetime
import hashlib
import math
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation
from django.utils.http import http_date

VERSION_KEY = "wc:content-version"
CHANGED_KEY = "wc:content-changed"
SETTLE_SECONDS = 2
UPCOMING_LIMIT = 50  # scheduled publications remembered; past them the date is unknown
CONTENT_APPS = {"cities", "projects", "stories", "tags", "taggit"}
NEVER_CACHED_PREFIXES = ("/admin/", "/portal/", "/en/portal/", "/i18n/", "/healthz", "/media/")


def cache():
    return caches[getattr(settings, "WECITIZENS_PAGE_CACHE_ALIAS", "default")]


def content_version():
    version = cache().get(VERSION_KEY)
    if version is None:
        # A fresh cache (or an evicted key) starts a new series that no old page can match.
        version = _new_series()
        cache().add(VERSION_KEY, version, timeout=None)
        version = cache().get(VERSION_KEY, version)
    return version


def _new_series():
    """Microseconds since the epoch: larger than any version an older series counted up to."""
    return int(time.time() * 1_000_000)


def bump_content_version(schema_is_current=True):
    def bump():
        try:
            cache().incr(VERSION_KEY)
        except ValueError:
            cache().set(VERSION_KEY, _new_series(), timeout=None)
        # After the version: a reader reads the time first, so it never pairs a new time with
        # an old version's page.
        if schema_is_current:
            record_change()
        else:  # a migration: stories may not be queryable yet; the next reader records it
            cache().delete(CHANGED_KEY)

    bump()
    transaction.on_commit(bump)


def _clock():
    return time.time()


def record_change():
    """Remember that content changed now and, for Last-Modified, which scheduled publications
    are still to come (a story appears at its publication time without any save)."""
    now = _clock()
    record = {"at": now, "upcoming": [], "complete": False, "scheduled": False}
    if settings.WECITIZENS_LAST_MODIFIED:
        Story = apps.get_model("stories", "Story")
        moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
        scheduled = Story.objects.filter(status="published", published_at__gt=moment)
        upcoming = [
            published_at.timestamp()
            for published_at in scheduled.order_by("published_at").values_list(
                "published_at", flat=True
            )[: UPCOMING_LIMIT + 1]
        ]
        record.update(
            upcoming=upcoming[:UPCOMING_LIMIT],
            complete=len(upcoming) <= UPCOMING_LIMIT,
            scheduled=True,
        )
    cache().set(CHANGED_KEY, record, timeout=None)
    return record


def _change_record():
    record = cache().get(CHANGED_KEY)
    if record is None:  # a cleared or evicted cache: start again from now, which is safe
        record = record_change()
    return record


def changed_within(seconds):
    """Whether public content changed in the last `seconds` (or the time is unknown)."""
    return _clock() - _change_record()["at"] < seconds


def content_last_modified(record=None):
    """The time of the last change to public content, in whole seconds since the epoch, or
    None while it is too recent to be told apart from the next change (or unknown).

    `record` is the change record when the caller already read it from the cache."""
    now = _clock()
    record = record or _change_record()
    if not record["scheduled"]:  # recorded while Last-Modified was off
        record = record_change()
    published = [moment for moment in record["upcoming"] if moment <= now]
    if not record["complete"] and len(published) == len(record["upcoming"]):
        return None  # past the scheduled publications we know of
    latest = max([record["at"], *published])
    if now < latest + SETTLE_SECONDS:
        return None
    return math.ceil(latest)


def _is_content(sender):
    return sender._meta.app_label in CONTENT_APPS


def _is_historical(sender):
    """A model as a migration sees it."""
    return sender.__module__ == "__fake__"


def _on_change(sender, raw=False, **kwargs):
    if not raw and _is_content(sender):
        bump_content_version(schema_is_current=not _is_historical(sender))


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and (_is_content(sender) or _is_content(kwargs["model"])):
        bump_content_version(schema_is_current=not _is_historical(sender))


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")


def seconds_until_next_publication(now=None):
    """Seconds until the next scheduled story goes public, or None if none is scheduled."""
    Story = apps.get_model("stories", "Story")
    now = now or timezone.now()
    upcoming = (
        Story.objects.filter(status="published", published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if upcoming is None:
        return None
    return max(0, (upcoming - now).total_seconds())


def page_timeout():
    timeout = settings.WECITIZENS_PAGE_CACHE_SECONDS
    upcoming = seconds_until_next_publication()
    if upcoming is not None:
        timeout = min(timeout, int(upcoming))
    return timeout


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(NEVER_CACHED_PREFIXES) or "/review/" in request.path_info:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # signed in, or messages waiting to be shown
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def response_is_cacheable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not used_csrf(request)
        and not _has_messages(request)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def used_csrf(request):
    """Whether the page asked for a CSRF token. Django sets this key when a token is read (and
    resets its value to False once the cookie is written, so test for the key)."""
    return "CSRF_COOKIE_NEEDS_UPDATE" in request.META


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and (storage.used or list(storage._queued_messages)))


def page_key(request):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"wc:page:{translation.get_language()}:{digest}"


def cache_lookup(key=None):
    """The stored page under `key` if it is still current, the current content version and
    the record of the last change, all read in one round trip (a multi-get): on a busy page
    the cache's latency, not Python, is most of what serving a stored copy costs."""
    found = cache().get_many([VERSION_KEY, CHANGED_KEY, *([key] if key else [])])
    version = found.get(VERSION_KEY)
    if version is None:
        return None, content_version(), found.get(CHANGED_KEY)
    stored_version, response = found.get(key, (None, None))
    return (response if stored_version == version else None), version, found.get(CHANGED_KEY)


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers a stored copy of the page; see the module's docstring.

    Sits after the authentication and messages middleware (it needs `request.user`) and
    before the CSP and conditional-GET middleware wrap it, so cached pages still get their
    headers and ETags on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        enabled = settings.WECITIZENS_PAGE_CACHE or settings.WECITIZENS_LAST_MODIFIED
        if not enabled or not request_is_cacheable(request):
            return self.get_response(request)
        # Read before the page is rendered (see the module docstring), in one round trip.
        key = page_key(request) if settings.WECITIZENS_PAGE_CACHE else None
        cached, version, record = cache_lookup(key)
        last_modified = content_last_modified(record) if settings.WECITIZENS_LAST_MODIFIED else None
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return self.dated(cached, last_modified)
        # The version read before rendering is stored with the page: a change committed while
        # it renders bumps the version, so the page is never served as current.
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return response
        if settings.WECITIZENS_PAGE_CACHE and request.method == "GET":
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            timeout = page_timeout()
            if timeout > 0:
                cache().set(key, (version, response), timeout)
            response["X-Page-Cache"] = "miss"
        return self.dated(response, last_modified)

    @staticmethod
    def dated(response, last_modified):
        """Our date replaces a view's own (it may miss a deletion), or removes it when unknown."""
        if not settings.WECITIZENS_LAST_MODIFIED:
            return response
        if last_modified is None:
            response.headers.pop("Last-Modified", None)
        else:
            response["Last-Modified"] = http_date(last_modified)
        return response


class SafeGZipMiddleware(GZipMiddleware):
    """Compress HTML only when it holds no secret, so BREACH has nothing to guess.

    BREACH recovers a secret reflected in a compressed body (a CSRF token, personal data)
    from the sizes of many responses. Pages for signed-in users and pages that used a CSRF
    token are sent uncompressed; anonymous public pages hold only public text. (Django also
    pads every gzip response with random bytes since 4.2, a second line of defence.)
    """

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or used_csrf(request):
            return response
        return super().process_response(request, response)
