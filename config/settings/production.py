"""Production: DEBUG is always off, HTTPS everywhere, a secret key is required.

Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto,
SECURE_PROXY_SSL_HEADER tells Django the original request was HTTPS. Only keep it if the
proxy strips that header from clients.
"""

import os

os.environ["DJANGO_DEBUG"] = "0"

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The primary and any read replica keep their connections for a minute.
for _database in DATABASES.values():  # noqa: F405
    _database["CONN_MAX_AGE"] = int(env("DJANGO_CONN_MAX_AGE", "60"))

# --- Hardening ---
# Errors as one JSON object per line on stderr, for the container's log collector.
LOGGING["handlers"]["console"]["formatter"] = env("DJANGO_LOG_FORMAT", "json")  # noqa: F405
SESSION_COOKIE_SAMESITE = "Lax"

# --- Page cache ---
# Several gunicorn workers each have their own local-memory cache, and a content change seen by
# one would not invalidate the pages the others hold: without a shared Redis (REDIS_URL) the
# page cache stays off unless explicitly turned on.
if not REDIS_URL and not env("WECITIZENS_PAGE_CACHE"):  # noqa: F405
    WECITIZENS_PAGE_CACHE = False
# The time of the last content change lives in that cache too: one worker's local memory would
# not hear of another's change and would answer If-Modified-Since with a stale 304.
if not REDIS_URL and not env("WECITIZENS_LAST_MODIFIED"):  # noqa: F405
    WECITIZENS_LAST_MODIFIED = False
