"""The sitemap: every public page in Thai and English, with hreflang alternates and lastmod.

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
from django.urls import reverse
from django.utils.translation import get_language

from cities.models import City
from core.siteurl import configured_origin
from projects.models import Person, ResearchProject
from stories.models import Story
from tags.models import Tag

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
    """A section of `model` objects, each listed in every language. A sitemap serves one
    request (the views instantiate it)."""

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


class PageSitemap(BilingualSitemap):
    """The home page and the two list pages; they change when a story or city does."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "cities:city_list", "stories:story_list"]

    @cached_property
    def paginator(self):
        languages = [code for code, _name in settings.LANGUAGES]
        return Paginator([(name, code) for name in self.items() for code in languages], 1000)

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.newest

    @cached_property
    def newest(self):
        # Read backwards along the updated_at index, stopping at the first public row.
        newest = [
            model.objects.published()
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
            for model in (Story, City)
        ]
        newest = [value for value in newest if value]
        return max(newest) if newest else None


class CitySitemap(BilingualSitemap):
    model = City
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return City.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, city):
        return city.updated_at


class ProjectSitemap(BilingualSitemap):
    model = ResearchProject
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ResearchProject.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, project):
        return project.updated_at


class PersonSitemap(BilingualSitemap):
    model = Person
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Person.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, person):
        return person.updated_at


class StorySitemap(BilingualSitemap):
    model = Story
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Story.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, story):
        return story.updated_at


class TagSitemap(BilingualSitemap):
    """Public tags (`Tag.objects.public()`): those with a published story or project."""

    model = Tag
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Tag.objects.public().order_by("pk")

    # No lastmod: a tag's newest story means reading every tagging of the page's tags (0.3 s
    # at 100,000 stories), and lastmod is optional; the stories themselves carry theirs.


SITEMAPS = {
    "pages": PageSitemap,
    "cities": CitySitemap,
    "projects": ProjectSitemap,
    "people": PersonSitemap,
    "stories": StorySitemap,
    "tags": TagSitemap,
}
