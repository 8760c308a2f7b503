"""The sitemap: every public page in Thai and English, with hreflang alternates and lastmod.

`/sitemap.xml` is a sitemap index listing the pages of each section (`/sitemap-stories.xml`,
`?p=2`, …). A section page holds `ITEMS_PER_PAGE` objects, each listed in both languages, and
is built in a constant number of queries whatever the total: the items are paginated in the
database (Django's own i18n sitemap builds every (item, language) pair of the whole section
first). Each section lists what its pages list: the same `published()` querysets.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q
from django.urls import reverse

from cities.models import City
from projects.models import Person, ResearchProject
from stories.models import Story
from wecitizens.models import Tag

# Objects per section page; each is listed once per language, so a page has twice as many
# <url> entries (sitemaps.org allows 50,000 and 50 MB; this keeps a page near 1 MB).
ITEMS_PER_PAGE = 500


class ItemLanguagePaginator(Paginator):
    """Paginates the items in the database and lists each item of a page in every language."""

    def __init__(self, items, per_page, languages, count=None):
        super().__init__(items, per_page)
        self.languages = languages
        if count is not None:
            self.count = count  # already counted (with the newest lastmod) in one query
        self._pages = {}

    def page(self, number):
        number = self.validate_number(number)
        if number not in self._pages:
            self._pages[number] = super().page(number)
        return self._pages[number]

    def _get_page(self, object_list, number, paginator):
        pairs = [(item, language) for item in object_list for language in self.languages]
        return Page(pairs, number, paginator)


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = ITEMS_PER_PAGE
    # The column whose newest value is the section's lastmod in the index.
    lastmod_field = "updated_at"

    @cached_property
    def paginator(self):
        return ItemLanguagePaginator(
            self.items(),
            self.limit,
            [code for code, _name in settings.LANGUAGES],
            count=self.summary["count"],
        )

    @cached_property
    def summary(self):
        """How many items, and the newest lastmod of them: one query for the index."""
        items = self.items()
        if isinstance(items, list):
            return {"count": len(items), "newest": None}
        return items.order_by().aggregate(count=Count("pk"), newest=Max(self.lastmod_field))

    def get_latest_lastmod(self):
        return self.summary["newest"]


class PageSitemap(BilingualSitemap):
    """The home page and the two list pages; they change when a story or city does."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "cities:city_list", "stories:story_list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.newest

    def get_latest_lastmod(self):
        return self.newest

    @cached_property
    def newest(self):
        newest = [
            Story.objects.published().aggregate(newest=Max("updated_at"))["newest"],
            City.objects.published().aggregate(newest=Max("updated_at"))["newest"],
        ]
        newest = [value for value in newest if value]
        return max(newest) if newest else None


class CitySitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return City.objects.published().order_by("pk")

    def lastmod(self, city):
        return city.updated_at


class ProjectSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ResearchProject.objects.published().order_by("pk")

    def lastmod(self, project):
        return project.updated_at


class PersonSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Person.objects.published().order_by("pk")

    def lastmod(self, person):
        return person.updated_at


class StorySitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Story.objects.published().order_by("pk")

    def lastmod(self, story):
        return story.updated_at


class TagSitemap(BilingualSitemap):
    """Tags that have at least one published story or project, so no empty page is listed."""

    changefreq = "weekly"
    priority = 0.3

    def items(self):
        stories = Story.objects.published().values("pk")
        projects = ResearchProject.objects.published().values("pk")
        story_type = Story._meta.label_lower.split(".")
        project_type = ResearchProject._meta.label_lower.split(".")
        used = Q(
            tagged_items__content_type__app_label=story_type[0],
            tagged_items__content_type__model=story_type[1],
            tagged_items__object_id__in=stories,
        ) | Q(
            tagged_items__content_type__app_label=project_type[0],
            tagged_items__content_type__model=project_type[1],
            tagged_items__object_id__in=projects,
        )
        return Tag.objects.filter(used).distinct().order_by("pk")

    @cached_property
    def summary(self):
        return {"count": self.items().count(), "newest": None}

    def get_urls(self, page=1, site=None, protocol=None):
        self.page_number = page
        return super().get_urls(page, site, protocol)

    def lastmod(self, tag):
        return self.newest_by_tag().get(tag.pk)

    def newest_by_tag(self):
        """{tag id: newest change of a published story or project with it}, for the tags of
        the page being built, read once per page."""
        if not hasattr(self, "_newest_by_tag"):
            page = self.paginator.page(getattr(self, "page_number", 1))
            tag_ids = {tag.pk for tag, _language in page.object_list}
            self._newest_by_tag = {}
            for model in (Story, ResearchProject):
                rows = (
                    model.objects.published()
                    .filter(tags__in=tag_ids)
                    .values("tags")
                    .annotate(newest=Max("updated_at"))
                    .order_by()
                )
                for row in rows:
                    known = self._newest_by_tag.get(row["tags"])
                    self._newest_by_tag[row["tags"]] = max(filter(None, [known, row["newest"]]))
        return self._newest_by_tag


SITEMAPS = {
    "pages": PageSitemap,
    "cities": CitySitemap,
    "projects": ProjectSitemap,
    "people": PersonSitemap,
    "stories": StorySitemap,
    "tags": TagSitemap,
}
