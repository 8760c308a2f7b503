import dataclasses
from urllib.parse import urlsplit

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.siteurl import absolute_url


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """robots.txt: everything public may be crawled, not the admin; where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap_index(request, **kwargs):
    """Django's sitemap index, its addresses on the site's origin (core.siteurl): Django
    builds them from the request's Host header."""
    response = sitemap_views.index(request, **kwargs)
    response.context_data["sitemaps"] = [
        dataclasses.replace(item, location=absolute_url(request, _path(item.location)))
        for item in response.context_data["sitemaps"]
    ]
    return response


def _path(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
