"""The site's public address, for every absolute URL read outside the site: canonical and
hreflang links, Open Graph and JSON-LD, feeds, the sitemap, robots.txt and the API.

In production it is one configured origin, WECITIZENS_SITE_URL (e.g.
https://wecitizens.example.org), whatever Host header a request carries: a cache or a crawler
then never stores an address an attacker chose. Without it (development, tests) addresses
follow the request, and `manage.py check --deploy` warns.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.encoding import iri_to_uri


def configured_origin():
    """WECITIZENS_SITE_URL without a trailing slash, or "" when it is not set."""
    return settings.WECITIZENS_SITE_URL.rstrip("/")


def site_scheme(request):
    origin = configured_origin()
    return urlsplit(origin).scheme if origin else request.scheme


def site_domain(request):
    origin = configured_origin()
    return urlsplit(origin).netloc if origin else request.get_host()


def absolute_url(request, location=None):
    """`location` (a path, by default the request's) as an absolute URL of the site."""
    origin = configured_origin()
    if not origin:
        return request.build_absolute_uri(location)
    if location is None:
        location = request.get_full_path()
    return iri_to_uri(urljoin(origin + request.path, location))


def is_origin(url):
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and parts.path in ("", "/")
        and not (parts.query or parts.fragment)
    )


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    url = settings.WECITIZENS_SITE_URL
    if not url:
        return [
            Warning(
                "WECITIZENS_SITE_URL is not set: canonical, feed, sitemap and share addresses "
                "follow each request's Host header.",
                hint="Set WECITIZENS_SITE_URL to the site's public origin, "
                "e.g. https://wecitizens.example.org",
                id="wecitizens.W001",
            )
        ]
    if not is_origin(url):
        return [
            Error(
                f"WECITIZENS_SITE_URL is {url!r}: it must be an origin, a scheme and a host "
                "with no path.",
                hint="e.g. https://wecitizens.example.org",
                id="wecitizens.E001",
            )
        ]
    return []
