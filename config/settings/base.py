"""Settings shared by every environment, read from the environment (twelve-factor).

Every setting a deployment may change is listed in `.env.example`.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .media import origin, s3_media

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=""):
    """The environment's value, or `default` when it is unset or empty: a line left empty in
    a copied .env.example means the default, as if it were not there."""
    value = os.environ.get(name, "")
    return value if value.strip() else default


def env_bool(name, default=False):
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "taggit",
    "django_prose_editor",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "reversion",
    "accounts.axes_app.SignInAttemptsConfig",  # django-axes
]
LOCAL_APPS = [
    # The leaf: Thai text, dates, translations, HTML and image safety.
    "core",
    "pagecache",
    "tags",
    "accounts",
    # The domain, from the ground up: a city's programme, its research, its stories.
    "cities",
    "projects",
    "stories",
    "portal",
    "history",
    "redirects",
    "privacy",
    "about",
    "operations",
    "search",
    "seo",
    "opendata",
]
# modeltranslation must come before django.contrib.admin to patch its forms. django-import-export
# comes after our apps: our admin templates and `import`/`export` commands replace its own.
INSTALLED_APPS = [
    "modeltranslation",
    *DJANGO_APPS,
    *THIRD_PARTY_APPS,
    *LOCAL_APPS,
    "import_export",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "operations.middleware.HeaderNulMiddleware",
    "operations.middleware.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pagecache.gzip.SafeGZipMiddleware",  # HTML gzip, never with secrets
    "django.middleware.http.ConditionalGetMiddleware",  # ETag, 304 on a repeat visit
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pagecache.db_routers.ReplicaReadsMiddleware",  # public reads may use a replica
    "django.contrib.messages.middleware.MessageMiddleware",
    "pagecache.middleware.AnonymousPageCacheMiddleware",  # after auth and messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "reversion.middleware.RevisionMiddleware",  # every saving request keeps versions
    "redirects.middleware.SlugRedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# SQLite is the embedded default so a newcomer needs nothing but Python;
# production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# A read replica: public, anonymous GET and HEAD requests read from it, everything
# else uses the primary (pagecache.db_routers).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASE_ROUTERS = ["pagecache.db_routers.PrimaryReplicaRouter"]
# For this long after a content change public pages still read from the primary, so no page is
# rendered (and cached) from a replica that has not received the change yet: keep the replica's
# lag well below it.
WECITIZENS_REPLICA_LAG_SECONDS = float(env("WECITIZENS_REPLICA_LAG_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wecitizens",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English second. Thai URLs carry no prefix; English lives under /en/.
LANGUAGE_CODE = "th"
LANGUAGES = [
    ("th", _("Thai")),
    ("en", _("English")),
]
# locale/ holds our interface; locale_overrides/ fills gaps in Django's Thai admin catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "th"
MODELTRANSLATION_LANGUAGES = ("th", "en")
# Either language may be written first: each falls back to the other.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("th", "en")}


def _translated_field_label(verbose_name, language):
    """A translated field's label, "title (Thai)": modeltranslation's "title [th]" shows a
    language code, in Latin letters, on a Thai screen. Built each time it is shown."""
    return f"{verbose_name} ({dict(LANGUAGES)[language]})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _translated_field_label
# modeltranslation's admin tabs would load jQuery UI from a Google CDN; serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

TAGGIT_CASE_INSENSITIVE = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "cities.staticfiles.MarkerClusterFinder",  # the city map's clusters, from their pip package
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
WECITIZENS_SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=True)
# Thai text in pages is marked to break lines between words only (core.linebreaks).
WECITIZENS_THAI_WORD_BREAKS = env_bool("WECITIZENS_THAI_WORD_BREAKS", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: Django sets no maximum size of its own.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WECITIZENS_MAX_IMAGE_BYTES = int(env("WECITIZENS_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
# What one accepted upload may cost a worker (under 3 s and 150 MiB; docs/uploads.md): a
# baseline JPEG (what cameras and phones save) is decoded at a reduced scale; a progressive
# JPEG keeps every coefficient in memory, and a PNG or WebP is only decoded whole.
WECITIZENS_MAX_IMAGE_PIXELS = {"JPEG": 40_000_000, "PNG": 12_000_000, "WEBP": 8_000_000}
WECITIZENS_MAX_PROGRESSIVE_JPEG_PIXELS = 12_000_000
# The stored original is scaled down to this many pixels a side (renditions are at most 1600).
WECITIZENS_MAX_STORED_IMAGE_SIDE = 2000
# A Facebook Page export uploaded in the admin (docs/facebook-import.md): at most this size,
# kept until staff confirm the import in a private folder, never under MEDIA_ROOT.
WECITIZENS_MAX_FACEBOOK_ARCHIVE_BYTES = int(
    env("WECITIZENS_MAX_FACEBOOK_ARCHIVE_BYTES", 512 * 1024 * 1024)
)
WECITIZENS_FACEBOOK_IMPORT_DIR = Path(
    env(
        "WECITIZENS_FACEBOOK_IMPORT_DIR",
        Path(tempfile.gettempdir()) / "wecitizens-facebook-imports",
    )
)

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "WeCitizens <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}

# --- City map and image renditions ---
# The city map draws Thailand from static/map/thailand.geojson (no outside host). Tiles from a
# tile server are drawn over it only when WECITIZENS_MAP_TILE_URL is set (Leaflet's
# {z}/{x}/{y} template); the Content-Security-Policy then allows that host and no other.
WECITIZENS_MAP_TILE_URL = env("WECITIZENS_MAP_TILE_URL", "")
WECITIZENS_MAP_TILE_ATTRIBUTION = env("WECITIZENS_MAP_TILE_ATTRIBUTION", "")
WECITIZENS_MAP_MAX_ZOOM = int(env("WECITIZENS_MAP_MAX_ZOOM", "18"))
# Widths (pixels) of the responsive renditions made of every uploaded image (core.renditions).
WECITIZENS_IMAGE_WIDTHS = (320, 480, 768, 1024, 1200, 1600)

# --- Editorial workflow and researcher portal ---
# The site's public origin (e.g. https://wecitizens.example.org): every absolute address in
# pages, feeds, the sitemap and the API, and links in emails. Unset, pages follow the request's
# Host header and emails link to http://localhost:8000; `check --deploy` warns (core.siteurl).
WECITIZENS_SITE_URL = env("WECITIZENS_SITE_URL", "")
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:login"
# An invitation's set-password link (Django's password-reset token) lasts a week.
PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60

# --- History, personal data, hardening ---
# Content-Security-Policy (django-csp 4): nothing inline, nothing from another origin.
# SiteCSPMiddleware adds the inline styles Django's admin needs under /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if WECITIZENS_MAP_TILE_URL:  # Leaflet fills {s} with a, b or c
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += sorted(
        {origin(WECITIZENS_MAP_TILE_URL.replace("{s}", s)) for s in "abc"}
    )
# django-axes: after repeated failed sign-ins (admin, portal and the site's own sign-in page)
# an account is paused for a short cool-off, whatever addresses the failures came from; every
# failure is logged and kept in the admin. Per account, so guessing is bounded to
# AXES_FAILURE_LIMIT tries per cool-off however many addresses an attacker has; short, so a
# stranger (say, behind the same office address) keeps the owner out only for minutes; and
# tries during the pause neither count nor lengthen it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.axes.lockout_response"
# axes.W006 asks for the address among the lockout parameters, for set-ups that count by
# user agent or cookie, which a client changes at will. Counting by account alone is
# deliberate (see above): a client changes nothing that resets it, and adding the address
# would lock out a whole office behind one NAT address after anyone's five mistakes.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.axes.client_username"
# Behind a proxy every client would look like the proxy: count how many proxies sit in front
# (docker-compose with one TLS proxy: 1) and read the client address from X-Forwarded-For.
# django-ipware is not installed (axes would then ignore AXES_IPWARE_*): the address is read
# by accounts.axes.client_ip_address, from the right of the header, so it cannot be spoofed.
AXES_IPWARE_PROXY_COUNT = int(env("AXES_IPWARE_PROXY_COUNT", "0")) or None
AXES_CLIENT_IP_CALLABLE = "accounts.axes.client_ip_address"
# Password-reset emails per email address and per client address (the client address axes
# reads, so behind the proxy it is the forwarded one), counted in the default cache: with
# REDIS_URL every worker shares the count. Requests beyond either limit get the same answer and
# send nothing (portal.services.password_reset_allowed).
PASSWORD_RESET_RATE_PER_EMAIL = env("PASSWORD_RESET_RATE_PER_EMAIL", "3/h")
PASSWORD_RESET_RATE_PER_CLIENT = env("PASSWORD_RESET_RATE_PER_CLIENT", "20/h")
# /healthz answers over plain HTTP for the container health check and load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
MANAGERS = [("WeCitizens", env("DJANGO_MANAGERS_EMAIL"))] if env("DJANGO_MANAGERS_EMAIL") else []
# Logs go to stderr; DJANGO_LOG_FORMAT=json (the production default) writes one JSON object
# per line for log collectors.
LOGGING["formatters"] = {
    "json": {"()": "operations.logging.JSONFormatter"},
    "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
}
LOGGING["handlers"]["console"].update(
    stream="ext://sys.stderr", formatter=env("DJANGO_LOG_FORMAT", "text")
)
# Backups and history versions keep times to the microsecond (Django's JSON keeps ms).
SERIALIZATION_MODULES = {"json": "operations.serializers"}

# --- Thai search, tags and dates ---
# Tag input splits on commas only: Thai phrases contain spaces.
TAGGIT_TAGS_FROM_STRING = "tags.parsing.parse_tags"
TAGGIT_STRING_FROM_TAGS = "tags.parsing.edit_string_for_tags"
SEARCH_RESULTS_PER_PAGE = 20

# --- Spreadsheets in and out of the admin (django-import-export; docs/spreadsheets.md) ---
# Importing needs the model's change permission (and add, for rows that create objects);
# exporting its view permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Every import runs in one transaction: a file with any bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# An uploaded spreadsheet may be at most this large, hold this many rows, and (XLSX, a zip)
# unpack to at most this many bytes. A row costs about 12 ms to import (docs/spreadsheets.md):
# 2,000 rows stay within a worker's 30 s timeout.
WECITIZENS_MAX_SPREADSHEET_BYTES = int(env("WECITIZENS_MAX_SPREADSHEET_BYTES", 5 * 1024 * 1024))
WECITIZENS_MAX_SPREADSHEET_ROWS = int(env("WECITIZENS_MAX_SPREADSHEET_ROWS", "2000"))
WECITIZENS_MAX_SPREADSHEET_UNPACKED_BYTES = 50 * 1024 * 1024

# --- Open data API ---
REST_FRAMEWORK = {
    # Read-only and anonymous: no session or login is involved, so no CSRF either.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "opendata.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WeCitizens open data",
    "DESCRIPTION": (
        "Published cities, programmes, research projects, sub-projects, people and stories of "
        "Thailand's Learning City programme, in Thai and English. Read-only; every list is "
        "paginated and also downloadable as CSV (`/api/<resource>.csv`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Caching and serving ---
# Anonymous pages are cached whole (pagecache.middleware) and invalidated by a content version.
# Local memory by default (one process); with REDIS_URL every process shares one Redis cache,
# which a deployment with several workers needs for the invalidation to reach all of them.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    # django-redis rather than Django's RedisCache: the latter builds a new redis-py client
    # (hundreds of callbacks) for every cache call, which doubled the cost of a cached page.
    CACHES["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "wecitizens"),
    }
else:
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 5000}
WECITIZENS_PAGE_CACHE = env_bool("WECITIZENS_PAGE_CACHE", default=True)
WECITIZENS_PAGE_CACHE_SECONDS = int(env("WECITIZENS_PAGE_CACHE_SECONDS", "600"))
# Public pages carry Last-Modified, the time of the last content change, kept in the same cache
# as the content version (pagecache.clock), so a repeat visit may get 304 by date.
WECITIZENS_LAST_MODIFIED = env_bool("WECITIZENS_LAST_MODIFIED", default=True)
# Varnish in front: the addresses every content change sends a BAN to, comma-separated
# (e.g. http://varnish:6091/). Public pages then carry s-maxage for it (pagecache.varnish,
# docker/varnish/default.vcl). Empty: no Varnish, and no page says a shared cache may keep it.
WECITIZENS_VARNISH_PURGE_URLS = env_list("WECITIZENS_VARNISH_PURGE_URLS")
# Static files: WhiteNoise serves the hashed names that CompressedManifestStaticFilesStorage
# writes (with .gz and .br beside them) as immutable, cached for ten years; unhashed names
# keep its short default.
# Story and tag lists page through at most this many pages of the newest stories, so a deep
# page costs what page 1 does at any size (core.views.BoundedPaginator).
WECITIZENS_MAX_LIST_PAGES = int(env("WECITIZENS_MAX_LIST_PAGES", "100"))
# Uploads on S3-compatible object storage when WECITIZENS_MEDIA_S3_BUCKET is set (see
# config/settings/media.py): Django then no longer serves /media/, and pages may show
# images from the bucket's (or its CDN's) origin.
_s3_media = s3_media(os.environ)
if _s3_media:
    STORAGES["default"] = _s3_media["storage"]
    MEDIA_URL = _s3_media["media_url"]
    WECITIZENS_SERVE_MEDIA = False
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(origin(MEDIA_URL))
