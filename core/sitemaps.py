"""The sitemap's sections: every public page in Thai and English, with hreflang alternates
and lastmod. Each app lists its own pages in its `sitemaps.SECTIONS`; config.urls serves them.

`/sitemap.xml` is a sitemap index listing the pages of each section (`/sitemap-stories.xml`,
`?p=2`, …). A page of a section covers a range of `ITEMS_PER_PAGE` ids and lists each public
object in it in both languages, so it costs the same whatever the total: two queries, the
section's first and last id (read from the primary key index) and the objects of one id range
(an index range scan), where Django's own i18n sitemap builds every (item, language) pair of
the whole section and pages with OFFSET. A range holding deleted or unpublished objects gives
a shorter page. Each section lists what its pages list: the same `published()` querysets.
"""

import math
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Max, Min
from django.utils.translation import get_language

from core.siteurl import configured_origin

# Ids per section page; each object is listed once per language, so a page has at most twice
# as many <url> entries (sitemaps.org allows 50,000 and 50 MB; this keeps a page under 1 MB).
ITEMS_PER_PAGE = 500


class IdRangePaginator(Paginator):
    """Pages of a queryset by ranges of ids: page n holds the ids [first + (n-1)·size, first +
    n·size). Each item of a page is listed in every language, as (item, language) pairs.

    `items` and `bounds` are functions, called when needed: the index needs only the bounds.
    """

    def __init__(self, items, per_page, languages, bounds):
        super().__init__((), per_page)
        self.items = items
        self.languages = languages
        self.read_bounds = bounds
        self._pages = {}

    @cached_property
    def bounds(self):
        return self.read_bounds()

    @cached_property
    def num_pages(self):
        if self.bounds["first"] is None:
            return 1  # an empty first page, as Django's paginator allows
        return math.ceil((self.bounds["last"] - self.bounds["first"] + 1) / self.per_page)

    @cached_property
    def count(self):
        return self.num_pages * self.per_page  # at most: ranges may hold fewer public items

    def page(self, number):
        number = self.validate_number(number)
        if number not in self._pages:
            items = []
            if self.bounds["first"] is not None:
                low = self.bounds["first"] + (number - 1) * self.per_page
                items = self.items().filter(pk__gte=low, pk__lt=low + self.per_page)
            pairs = [(item, language) for item in items for language in self.languages]
            self._pages[number] = Page(pairs, number, self)
        return self._pages[number]


class BilingualSitemap(Sitemap):
    """A section of the published `model` objects, each listed in every language, with the
    time it last changed. A sitemap serves one request (the views instantiate it)."""

    i18n = True
    alternates = True
    x_default = True
    limit = ITEMS_PER_PAGE
    model = None

    def __init__(self):
        # Addresses reversed for this request, by (item, language).
        self.locations = {}

    @cached_property
    def paginator(self):
        languages = [code for code, _name in settings.LANGUAGES]
        return IdRangePaginator(self.items, self.limit, languages, self.summary)

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def summary(self):
        """The first and last id of the section's table: all rows, so that the id ranges do
        not move when an object is unpublished."""
        return self.model._base_manager.aggregate(first=Min("pk"), last=Max("pk"))

    # The site's configured origin (core.siteurl), else the request's, which the
    # sitemap view passes in.
    def get_protocol(self, protocol=None):
        return urlsplit(configured_origin()).scheme or super().get_protocol(protocol)

    def get_domain(self, site=None):
        return urlsplit(configured_origin()).netloc or super().get_domain(site)

    def location(self, item):
        # Django asks for each address four times (the entry and its three alternates):
        # reverse it once per language.
        key = (item, get_language())
        if key not in self.locations:
            self.locations[key] = item.get_absolute_url()
        return self.locations[key]

    def get_latest_lastmod(self):
        # The index gives no lastmod per section: every page of a section would carry the
        # same one, and finding it reads every public row. Each <url> has its own lastmod.
        return None
