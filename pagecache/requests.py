"""Whether a request or its response may be shared with other readers.

Two answers need what Django keeps private (checked against Django 5.2; the tests in
tests/pagecache/test_pagecache.py fail if it changes): whether the page read a CSRF token
(`used_csrf`), and whether messages wait to be shown (`has_messages`).
"""

from django.conf import settings

NEVER_CACHED_PREFIXES = ("/admin/", "/portal/", "/en/portal/", "/i18n/", "/healthz", "/media/")


def request_is_cacheable(request):
    """A GET or HEAD any anonymous reader could make: not signed in, not the admin, the
    portal, a review link, the health check or media."""
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
        and not has_messages(request)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def used_csrf(request):
    """Whether the page asked for a CSRF token. Django sets this key when a token is read (and
    resets its value to False once the cookie is written, so test for the key)."""
    return "CSRF_COOKIE_NEEDS_UPDATE" in request.META


def has_messages(request):
    """Whether the request read or added messages (the storage's `used` and its queue)."""
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and (storage.used or list(storage._queued_messages)))
