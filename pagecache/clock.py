"""The content clock: which version of the content is current, and when it last changed.

The version is one integer kept in the shared cache. Every change of content (the one signal
`core.content.changed`: saves, deletes and links of the content models, and the bulk paths
that call `content_changed()`) increments it, so every page stored under an older version is
out of date (see `pagecache.middleware`).

The version is bumped at once and again when the transaction commits: a reader that renders a
page between the two (seeing the old, still uncommitted data) stores it with the
intermediate version, which the commit-time bump makes out of date.

Last-Modified: next to the version the cache keeps the time of the last content change
and the scheduled publications still to come (`record_change`). A page is dated the later of
that change and the last scheduled publication that has since come. HTTP dates count whole
seconds, so two changes within one second would share a date: a date is only given once the
change is SETTLE_SECONDS old, when any later change must fall in a later second. After the
cache is cleared or evicted the time starts again at "now" (a later date than any given
before, so nobody gets a stale 304).

With several processes the version must live in a shared cache (Redis through REDIS_URL);
local memory is exact only within one process.
"""

import datetime
import heapq
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from core.content import content_models
from core.transactions import on_commit_once
from pagecache import varnish

VERSION_KEY = "wc:content-version"
CHANGED_KEY = "wc:content-changed"
SETTLE_SECONDS = 2
UPCOMING_LIMIT = 50  # scheduled publications remembered; past them the date is unknown


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


def _bump(schema_is_current):
    try:
        cache().incr(VERSION_KEY)
    except ValueError:
        cache().set(VERSION_KEY, _new_series(), timeout=None)
    # After the version: a reader reads the time first, so it never pairs a new time with an
    # old version's page.
    if schema_is_current:
        record_change()
    else:  # a migration: stories may not be queryable yet; the next reader records it
        cache().delete(CHANGED_KEY)


def bump_content_version(schema_is_current=True):
    _bump(schema_is_current)
    # Once per transaction, however many rows it changed: one bump after the commit makes
    # every page stored during it out of date.
    on_commit_once(_bump, schema_is_current)
    # After the commit-time bump (registered first, so it runs first): Varnish's next fetch
    # must find the new version.
    varnish.purge_after_commit()


def bump_on_content_change(sender, schema_is_current=True, **kwargs):
    """Receives `core.content.changed`: every stored page is out of date."""
    bump_content_version(schema_is_current=schema_is_current)


def _clock():
    return time.time()


def scheduled_publications(after, limit):
    """The times, in order, at which content published for later than `after` goes public:
    at most `limit` of them."""
    scheduled = (
        model.objects.scheduled(after=after)
        .order_by("published_at")
        .values_list("published_at", flat=True)[:limit]
        for model in content_models(scheduled=True)
    )
    return list(heapq.merge(*scheduled))[:limit]


def record_change():
    """Remember that content changed now and, for Last-Modified, which scheduled publications
    are still to come (a story appears at its publication time without any save)."""
    now = _clock()
    record = {"at": now, "upcoming": [], "complete": False, "scheduled": False}
    if settings.WECITIZENS_LAST_MODIFIED:
        moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
        upcoming = [
            published_at.timestamp()
            for published_at in scheduled_publications(after=moment, limit=UPCOMING_LIMIT + 1)
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


def seconds_until_next_publication(now=None):
    """Seconds until the next scheduled publication, or None if none is scheduled."""
    now = now or timezone.now()
    upcoming = scheduled_publications(after=now, limit=1)
    if not upcoming:
        return None
    return max(0, (upcoming[0] - now).total_seconds())
