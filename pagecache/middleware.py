"""Whole-page cache for anonymous readers, invalidated exactly by the content version.

Every cached page is stored together with the content version it was rendered under
(`pagecache.clock`), and is served only while that is still the current version (both are
read in one round trip to the cache). Any change of content bumps the version, so no page is
served from before the change: its own page, its city, the lists, home, feeds, sitemap and
search are all rendered afresh on their next request. An out-of-date entry is replaced the next
time its page is rendered, or expires. This is coarse (one edit refreshes every page) but
exact, and an edit is rare next to reads.

A story scheduled for later must appear on time: no page is cached beyond the next scheduled
publication (see `clock.seconds_until_next_publication`).

Every response the page cache may keep, whether the cache is on or off, carries Last-Modified
(`clock.content_last_modified`), so ConditionalGetMiddleware answers a repeat visit's
If-Modified-Since with 304. The time is read before the page is rendered, never after, so a
page never claims a change it may not show.

With Varnish in front (`WECITIZENS_VARNISH_PURGE_URLS`), every page the cache may keep tells
it for how long: `Cache-Control: s-maxage`, the same cap as the page cache's own (for a stored
page, what is left of it), and `max-age=0` for browsers. A page rendered while the content
version changed gets `s-maxage=0`: it may show the old content after Varnish's purge.
Every content change purges Varnish (`pagecache.varnish`).

Never cached: anything but GET/HEAD, signed-in users (staff previews, the portal, the admin),
review links, responses that set a cookie or used a CSRF token, that carry messages, that are
not 200, or that are streamed (`pagecache.requests`).
"""

import hashlib
import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from pagecache import clock, varnish
from pagecache.requests import request_is_cacheable, response_is_cacheable


def page_timeout():
    timeout = settings.WECITIZENS_PAGE_CACHE_SECONDS
    upcoming = clock.seconds_until_next_publication()
    if upcoming is not None:
        timeout = min(timeout, int(upcoming))
    return timeout


def page_key(request):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"wc:page:{translation.get_language()}:{digest}"


def cache_lookup(key=None):
    """The stored page under `key` if it is still current, the current content version and
    the record of the last change, all read in one round trip (a multi-get): on a busy page
    the cache's latency, not Python, is most of what serving a stored copy costs."""
    found = clock.cache().get_many([clock.VERSION_KEY, clock.CHANGED_KEY, *([key] if key else [])])
    version = found.get(clock.VERSION_KEY)
    if version is None:
        return None, clock.content_version(), found.get(clock.CHANGED_KEY)
    stored_version, response = found.get(key, (None, None))
    return (
        (response if stored_version == version else None),
        version,
        found.get(clock.CHANGED_KEY),
    )


def shared_cache_control(response, seconds):
    """Let Varnish keep the page `seconds` (`s-maxage`, at most until the next scheduled
    publication); browsers revalidate it every time (`max-age=0`), by ETag or date, unless
    the view chose its own `max-age`. A page Varnish must not keep gets `s-maxage=0`."""
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(response, max_age=0)
    # A second less, for the trip to Varnish: it counts its time from when the page arrives.
    patch_cache_control(response, s_maxage=max(0, int(seconds) - 1))


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers a stored copy of the page; see the module's docstring.

    Sits after the authentication and messages middleware (it needs `request.user`) and
    before the CSP and conditional-GET middleware wrap it, so cached pages still get their
    headers and ETags on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        shared = bool(varnish.purge_urls())
        enabled = settings.WECITIZENS_PAGE_CACHE or settings.WECITIZENS_LAST_MODIFIED or shared
        if not enabled or not request_is_cacheable(request):
            return self.get_response(request)
        # Read before the page is rendered (see the module docstring), in one round trip.
        key = page_key(request) if settings.WECITIZENS_PAGE_CACHE else None
        cached, version, record = cache_lookup(key)
        last_modified = (
            clock.content_last_modified(record) if settings.WECITIZENS_LAST_MODIFIED else None
        )
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            if shared:
                until = getattr(cached, "fresh_until", 0)
                shared_cache_control(cached, until - time.time())
            return self.dated(cached, last_modified)
        # The version read before rendering is stored with the page: a change committed while
        # it renders bumps the version, so the page is never served as current.
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return response
        timeout = None
        if settings.WECITIZENS_PAGE_CACHE and request.method == "GET":
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            timeout = page_timeout()
            if timeout > 0:
                response.fresh_until = time.time() + timeout
                clock.cache().set(key, (version, response), timeout)
            response["X-Page-Cache"] = "miss"
        if shared:
            if clock.cache().get(clock.VERSION_KEY) != version:
                timeout = 0  # content changed while it rendered: it may show the old
            elif timeout is None:
                timeout = page_timeout()
            shared_cache_control(response, timeout)
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
