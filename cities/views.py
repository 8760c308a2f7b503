from collections import defaultdict
from dataclasses import dataclass, field
from enum import IntEnum
from urllib.parse import urlencode

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.http import JsonResponse
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from cities.maps import MARKER_FIELDS, city_map_data
from cities.models import (
    CITY_CARD_FIELDS,
    City,
    Programme,
    ProgrammeMembership,
    Region,
    programme_groups,
)
from core.views import BoundedPaginationMixin, PublishedObjectMixin, first_rows, query_param
from projects.models import (
    PERSON_LINK_FIELDS,
    Person,
    ProjectMember,
    ResearchProject,
    SubProject,
    related_fields,
)
from stories.models import Story, StoryPerson

CITIES_PER_REGION_ON_HOME = 8


@dataclass
class RegionCities:
    """A region on the home page: its first cities in the reader's order, and how many it has."""

    region: str
    label: str
    cities: list = field(default_factory=list)
    total: int = 0
    programme_groups: list = field(default_factory=list)

    @property
    def is_mixed(self):
        """Whether its cities took part in different programmes, so its count is split."""
        return len(self.programme_groups) > 1

    @property
    def has_more(self):
        return self.total > len(self.cities)

    def get_absolute_url(self):
        return reverse("cities:city_list") + f"?region={self.region}"


def cities_by_region(limit=CITIES_PER_REGION_ON_HOME):
    """[RegionCities, …] in the order of Region, skipping empty regions, in one query.

    Each region's first `limit` published cities in alphabetical order are numbered by a
    window function and the rest filtered out; a second window counts the region's cities.
    """
    cities = (
        City.objects.published()
        .only("region", *CITY_CARD_FIELDS)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("region")], order_by=City.objects.name_ordering()
            ),
            region_total=Window(Count("pk"), partition_by=[F("region")]),
        )
        .filter(position__lte=limit)
        .order_by("region", "position")
    )
    regions = {}
    for city in cities:
        group = regions.setdefault(
            city.region, RegionCities(city.region, Region(city.region).label)
        )
        group.cities.append(city)
        group.total = city.region_total
    return [regions[value] for value in Region.values if value in regions]


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stories = Story.objects.published().for_cards().newest_first()
        # A list: the page reads the first programme before looping over them all.
        programmes = list(Programme.objects.all())
        groups = programme_groups(City.objects.published(), programmes)
        regions = cities_by_region()
        for region in regions:
            region.programme_groups = groups.get(region.region, [])
        context.update(
            programmes=programmes,
            programme_groups=groups.get(None, []),
            regions=regions,
            latest_stories=stories[:6],
            featured_stories=stories.filter(is_featured=True)[:3],
        )
        return context


STORIES_ON_CITY_PAGE = 12
NEIGHBOURS_ON_CITY_PAGE = 24
PEOPLE_ON_CITY_PAGE = 24
CITIES_PER_PAGE = 24


class PersonGroup(IntEnum):
    """The groups of people on a city's page, in the order they are listed."""

    LEAD = 0
    TEAM = 1
    RESIDENT = 2
    FEATURED = 3


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


def city_filters(request):
    """The city list's valid filters from the query string; unknown values are ignored."""
    region = query_param(request, "region")
    slug = query_param(request, "programme")
    programme = Programme.objects.filter(slug=slug).first() if slug else None
    return {
        "region": region if region in Region.values else "",
        "programme": programme,
    }


def filtered_cities(filters):
    cities = City.objects.published()
    if filters["region"]:
        cities = cities.filter(region=filters["region"])
    if filters["programme"]:
        cities = cities.filter(memberships__programme=filters["programme"])
    return cities


def with_counts(cities):
    """`cities` with `project_count` and `story_count`, each a correlated subquery.

    PostgreSQL runs the subqueries after the sort and the LIMIT, for one page of cities only,
    and the paginator's COUNT leaves them out.
    """
    return cities.annotate(
        project_count=count_of(ResearchProject.objects.published()),
        story_count=count_of(Story.objects.published()),
    )


class CityListView(BoundedPaginationMixin, ListView):
    """Published cities in the reader's alphabetical order, 24 a page, by region or programme.

    Each card's project and story counts are counted for the cities of the page only, in the
    query that reads them. 24 is
    about the real programme's size (19 cities), so a page of a thousand-city site costs what
    the whole list of today's costs.
    """

    template_name = "cities/city_list.html"
    context_object_name = "cities"
    paginate_by = CITIES_PER_PAGE

    def get_queryset(self):
        self.filters = city_filters(self.request)
        return with_counts(filtered_cities(self.filters).for_cards()).order_by_name()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = list(Programme.objects.all())
        context.update(
            regions=Region.choices,
            programmes=programmes,
            programme_groups=programme_groups(filtered_cities(self.filters), programmes).get(
                None, []
            ),
            selected_region=self.filters["region"],
            selected_programme=self.filters["programme"],
            map_query=urlencode(
                {
                    name: value
                    for name, value in [
                        ("region", self.filters["region"]),
                        ("programme", getattr(self.filters["programme"], "slug", "")),
                    ]
                    if value
                }
            ),
        )
        return context


def city_map(request):
    """The markers of every city the city list shows with the same filters, as JSON; with
    `city`, the marker of that one city (its page's map)."""
    cities = filtered_cities(city_filters(request))
    if slug := query_param(request, "city"):
        cities = cities.filter(slug=slug)
    cities = (
        cities.filter(latitude__isnull=False, longitude__isnull=False)
        .only(*MARKER_FIELDS)
        .order_by("pk")
    )
    return JsonResponse(city_map_data(cities), json_dumps_params={"ensure_ascii": False})


class CityDetailView(PublishedObjectMixin, DetailView):
    template_name = "cities/city_detail.html"
    context_object_name = "city"
    queryset = City.objects.prefetch_related(
        "links",
        Prefetch("memberships", ProgrammeMembership.objects.select_related("programme")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = self.object
        subprojects = SubProject.objects.select_related("lead").only(
            "project", "title_th", "title_en", *related_fields("lead", PERSON_LINK_FIELDS)
        )
        # Through the city's related manager, each project already knows its city: no join.
        projects = list(
            city.projects.published_ignoring_city()
            .select_related("programme", "lead")
            .only(
                "title_th",
                "title_en",
                "slug",
                "number",
                "city",
                "status",
                "programme__short_name_th",
                "programme__short_name_en",
                *related_fields("lead", PERSON_LINK_FIELDS),
            )
            .prefetch_related(Prefetch("subprojects", subprojects))
        )
        city_stories = Story.objects.published().filter(city=city)
        people, has_more_people = first_rows(
            self.city_people(city, projects, city_stories), PEOPLE_ON_CITY_PAGE
        )
        stories, has_more_stories = first_rows(
            city_stories.for_cards().newest_first(), STORIES_ON_CITY_PAGE
        )
        neighbours, has_more_neighbours = first_rows(
            City.objects.published()
            .filter(region=city.region)
            .exclude(pk=city.pk)
            .for_cards()
            .order_by_name(),
            NEIGHBOURS_ON_CITY_PAGE,
        )
        programmes = [membership.programme for membership in city.memberships.all()]
        context.update(
            contacts=[programme for programme in programmes if programme.has_contact],
            neighbours=neighbours,
            has_more_neighbours=has_more_neighbours,
            map_query=urlencode({"city": city.slug}) if city.latitude is not None else "",
            projects=projects,
            people=people,
            has_more_people=has_more_people,
            stories=stories,
            has_more_stories=has_more_stories,
        )
        return context

    def city_people(self, city, projects, stories):
        """The city's people: the leads of its published `projects`, then their teams, then
        the people of the city, then those its published `stories` feature; alphabetically
        within each group.

        The candidates' ids and groups are read first (one UNION, through indexes), so the
        people are then fetched by primary key instead of every person being tested against
        four conditions, and ordered by lists of ids instead of by subqueries.
        """
        featured = StoryPerson.objects.public().filter(story__in=stories)
        # StoryPerson first: unlike the translated models' querysets, its values_list()
        # keeps the columns in the order given.
        candidates = (
            featured.order_by()
            .values("person")
            .annotate(group=Value(PersonGroup.FEATURED))
            .union(
                ProjectMember.objects.filter(project__in=projects)
                .order_by()
                .values("person")
                .annotate(group=Value(PersonGroup.TEAM)),
                Person.objects.filter(city=city)
                .order_by()
                .values("pk")
                .annotate(group=Value(PersonGroup.RESIDENT)),
                all=True,
            )
            .values_list("person", "group")
        )
        groups = defaultdict(set)
        groups[PersonGroup.LEAD] = {project.lead_id for project in projects if project.lead_id}
        for person, group in candidates:
            groups[group].add(person)
        # A person in several groups is listed in the first of them.
        group = Case(
            *(
                When(pk__in=groups[rank], then=Value(rank))
                for rank in (PersonGroup.LEAD, PersonGroup.TEAM)
                if groups[rank]
            ),
            When(city=city, then=Value(PersonGroup.RESIDENT)),
            default=Value(PersonGroup.FEATURED),
        )
        return (
            Person.objects.published()
            .for_cards()
            .filter(pk__in=set().union(*groups.values()))
            .alias(group=group)
            .order_by("group", *Person.objects.name_ordering())
        )
