"""Settings for the test suite."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from .base import *  # noqa: F403

DEBUG = False
# Hashing passwords slowly protects real users; in tests it only wastes time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests must not read a manifest that only collectstatic writes.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# --- City map ---
# Tests fetch no map tiles, whatever the environment sets: the map draws its own Thailand.
WECITIZENS_MAP_TILE_URL = ""
# --- Thai line breaks ---
# Off for the suite, so tests find Thai words in a page as they are written, not split by
# <wbr>; tests/core/test_linebreaks.py and tests/browser/test_thai_line_breaks.py turn it on.
WECITIZENS_THAI_WORD_BREAKS = False
# --- Page cache ---
# Off for the suite, so query counts measure the views; tests/pagecache/test_pagecache.py
# turns it on. Each test starts with an empty cache.
WECITIZENS_PAGE_CACHE = False
# Off too, so whether a page has a date does not depend on how fast a test runs;
# tests/pagecache/test_last_modified.py turns it on.
WECITIZENS_LAST_MODIFIED = False
# --- Read replica ---
# A `replica` alias that mirrors the test database, so tests/pagecache/test_db_routers.py can
# turn the router on and see on which connection each query ran. The router is off for the
# rest of the suite, whatever the environment says.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_ROUTERS = []
