from functools import cached_property

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse

from cities.models import City
from core.sitemaps import BilingualSitemap
from projects.models import ResearchProject
from stories.models import Story


class PageSitemap(BilingualSitemap):
    """The home page and the list pages; they change when a story, city or project does."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "cities:city_list", "projects:project_list", "stories:story_list"]

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
            for model in (Story, City, ResearchProject)
        ]
        newest = [value for value in newest if value]
        return max(newest) if newest else None


class CitySitemap(BilingualSitemap):
    model = City
    changefreq = "weekly"
    priority = 0.7


SECTIONS = {"pages": PageSitemap, "cities": CitySitemap}
