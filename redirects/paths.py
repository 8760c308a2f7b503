"""Paths as SlugRedirect stores them: once, without the language prefix."""

from django.conf import settings
from django.utils import translation


def normalize_path(path):
    """'/en/stories/x' → '/stories/x/': no language prefix, no host, one leading/trailing slash."""
    path = path.strip()
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    path = path.split("?", 1)[0].split("#", 1)[0]
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
            break
    return path


def is_storable(path):
    """A path that can be looked up: PostgreSQL refuses NUL characters, the column is 300."""
    return len(path) <= 300 and "\x00" not in path


def unprefixed_url(obj):
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()
