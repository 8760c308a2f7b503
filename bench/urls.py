"""The site's URLs plus /bench-floor/<bytes>/: a Django view that returns a constant page."""

from django.http import HttpResponse
from django.urls import path

from wecitizens.urls import handler500  # noqa: F401
from wecitizens.urls import urlpatterns as site_urlpatterns

PAGES = {}


def constant_page(request, size):
    body = PAGES.get(size)
    if body is None:
        body = PAGES[size] = (b"<!doctype html><title>floor</title>" + b"x" * size)[:size]
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-floor/<int:size>/", constant_page), *site_urlpatterns]
