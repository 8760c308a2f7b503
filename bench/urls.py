"""The site's URLs plus /bench-floor/<bytes>/: a Django view that returns a constant page.

The floor goes through the whole middleware stack, page-cache lookup included, but its
response is marked private so the page cache never stores it: the constant view itself runs
on every request, with the cache on as with it off.
"""

from django.http import HttpResponse
from django.urls import path
from django.utils.cache import patch_cache_control

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

PAGES = {}


def constant_page(request, size):
    body = PAGES.get(size)
    if body is None:
        body = PAGES[size] = (b"<!doctype html><title>floor</title>" + b"x" * size)[:size]
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    patch_cache_control(response, private=True)
    return response


urlpatterns = [path("bench-floor/<int:size>/", constant_page), *site_urlpatterns]
