"""sitemap.xml: every public page in Thai and English, with hreflang alternates and lastmod.

Each section lists what its pages list: the same `published()` querysets.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from cities.models import City
from projects.models import Person, ResearchProject
from stories.models import Story
from wecitizens.models import Tag


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


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

    def lastmod(self, tag):
        return self.newest_by_tag().get(tag.pk)

    def newest_by_tag(self):
        """{tag id: newest change of a published story with it}, read once per sitemap."""
        if not hasattr(self, "_newest_by_tag"):
            self._newest_by_tag = {}
            for model in (Story, ResearchProject):
                rows = (
                    model.objects.published()
                    .filter(tags__isnull=False)
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
