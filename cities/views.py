from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.views.generic import DetailView, ListView

from cities.models import City, Programme, Region
from projects.models import Person, ResearchProject
from stories.models import Story
from wecitizens.maps import city_map_data, regions_on_map
from wecitizens.views import PublishedObjectMixin, query_param

STORIES_ON_CITY_PAGE = 12


def count_of(queryset, field="city"):
    """A correlated COUNT subquery: one number per row without joining and multiplying rows."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class CityListView(ListView):
    template_name = "cities/city_list.html"
    context_object_name = "cities"

    def get_filters(self):
        """Valid filters from the query string; unknown values are ignored."""
        region = query_param(self.request, "region")
        programme = Programme.objects.filter(slug=query_param(self.request, "programme")).first()
        return {
            "region": region if region in Region.values else "",
            "programme": programme,
        }

    def get_queryset(self):
        filters = self.filters = self.get_filters()
        cities = City.objects.published()
        if filters["region"]:
            cities = cities.filter(region=filters["region"])
        if filters["programme"]:
            cities = cities.filter(memberships__programme=filters["programme"])
        return cities.annotate(
            project_count=count_of(ResearchProject.objects.published()),
            story_count=count_of(Story.objects.published()),
        ).order_by_name()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        map_data = city_map_data(context["cities"])
        context.update(
            map_data=map_data,
            map_regions=regions_on_map(map_data),
            regions=Region.choices,
            programmes=Programme.objects.all(),
            selected_region=self.filters["region"],
            selected_programme=self.filters["programme"],
        )
        return context


class CityDetailView(PublishedObjectMixin, DetailView):
    template_name = "cities/city_detail.html"
    context_object_name = "city"
    queryset = City.objects.prefetch_related("links", "memberships__programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = self.object
        projects = (
            ResearchProject.objects.filter(city=city, is_published=True)
            .select_related("city", "programme", "lead")
            .prefetch_related("subprojects__lead")
        )
        people = (
            Person.objects.published()
            .filter(
                Q(city=city)
                | Q(led_projects__city=city, led_projects__is_published=True)
                | Q(projects__city=city, projects__is_published=True)
                | Q(stories__in=Story.objects.published().filter(city=city))
            )
            .distinct()
            .order_by_name()
        )
        stories = list(
            Story.objects.published()
            .filter(city=city)
            .select_related("city")
            .newest_first()[: STORIES_ON_CITY_PAGE + 1]
        )
        context.update(
            projects=projects,
            people=people,
            stories=stories[:STORIES_ON_CITY_PAGE],
            has_more_stories=len(stories) > STORIES_ON_CITY_PAGE,
        )
        return context
