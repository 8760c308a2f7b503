from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from cities.models import City, Programme, Region
from core.views import BoundedPaginationMixin, PublishedObjectMixin, first_rows, query_param
from projects.models import (
    PERSON_LINK_FIELDS,
    Person,
    ProjectMember,
    ProjectStatus,
    ResearchProject,
    SubProject,
    related_fields,
)
from stories.models import Story

PROJECTS_ON_PERSON_PAGE = 12
STORIES_ON_PERSON_PAGE = 24
PROJECTS_PER_PAGE = 24
SIBLINGS_ON_PROJECT_PAGE = 12


class ProjectDetailView(PublishedObjectMixin, DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"
    # The people come joined to their memberships and sub-projects: one query each, not two.
    queryset = ResearchProject.objects.select_related("city", "programme", "lead").prefetch_related(
        Prefetch(
            "memberships",
            ProjectMember.objects.select_related("person").only(
                "project", "role_th", "role_en", *related_fields("person", PERSON_LINK_FIELDS)
            ),
        ),
        Prefetch(
            "subprojects",
            SubProject.objects.select_related("lead").only(
                "project",
                "title_th",
                "title_en",
                "summary_th",
                "summary_en",
                *related_fields("lead", PERSON_LINK_FIELDS),
            ),
        ),
        "milestones",
        "tags",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        stories = Story.objects.published().filter(projects=project).for_cards()
        context["stories"] = stories.newest_first()[:12]
        context["siblings"] = (
            project.city.projects.published_ignoring_city()
            .exclude(pk=project.pk)
            .only("title_th", "title_en", "slug", "number", "city", "start_year", "end_year")
            .order_by("programme__order", "number", "pk")[:SIBLINGS_ON_PROJECT_PAGE]
        )
        return context


def projects_of(person):
    """The published projects `person` leads or works on, most recent first, each once.

    Team membership is a subquery rather than a join, so no DISTINCT is needed.
    """
    joined = ProjectMember.objects.filter(person=person).values("project")
    return (
        ResearchProject.objects.published()
        .filter(Q(lead=person) | Q(pk__in=joined))
        .for_cards()
        .newest_first()
    )


class PersonDetailView(PublishedObjectMixin, DetailView):
    template_name = "projects/person_detail.html"
    context_object_name = "person"
    queryset = Person.objects.select_related("city")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        projects, has_more_projects = first_rows(projects_of(person), PROJECTS_ON_PERSON_PAGE)
        stories, has_more_stories = first_rows(
            Story.objects.published().featuring(person).for_cards().newest_first(),
            STORIES_ON_PERSON_PAGE,
        )
        context.update(
            projects=projects,
            has_more_projects=has_more_projects,
            stories=stories,
            has_more_stories=has_more_stories,
        )
        return context


class ProjectListPage(BoundedPaginationMixin, ListView):
    """All the research projects of something (a person, a tag), 24 a page, for those with
    more than their own page shows. Subclasses give the queryset and `page_header()`."""

    template_name = "projects/project_list.html"
    context_object_name = "projects"
    paginate_by = PROJECTS_PER_PAGE

    def page_header(self):
        """{"heading": …, "back_url": …, "back_label": …} for the page's header."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.page_header())
        return context


class PersonProjectListView(ProjectListPage):
    def get_queryset(self):
        self.person = get_object_or_404(Person.objects.published(), slug=self.kwargs["slug"])
        return projects_of(self.person)

    def page_header(self):
        return {
            "heading": _("Research projects of %(name)s") % {"name": self.person.full_name},
            "back_url": self.person.get_absolute_url(),
            "back_label": _("Back to this person's page"),
        }


def project_filters(request):
    """The project list's valid filters from the query string; unknown values are ignored."""
    region = query_param(request, "region")
    status = query_param(request, "status")
    slug = query_param(request, "programme")
    return {
        "region": region if region in Region.values else "",
        "status": status if status in ProjectStatus.values else "",
        "programme": Programme.objects.filter(slug=slug).first() if slug else None,
    }


class ProjectIndexView(BoundedPaginationMixin, ListView):
    """Every published research project, by city in the reader's order, 24 a page, filtered
    by programme, region and status."""

    template_name = "projects/project_index.html"
    context_object_name = "projects"
    paginate_by = PROJECTS_PER_PAGE

    def get_queryset(self):
        self.filters = project_filters(self.request)
        projects = ResearchProject.objects.published()
        if self.filters["programme"]:
            projects = projects.filter(programme=self.filters["programme"])
        if self.filters["region"]:
            projects = projects.filter(city__region=self.filters["region"])
        if self.filters["status"]:
            projects = projects.filter(status=self.filters["status"])
        return projects.for_cards().order_by(
            *City.objects.name_ordering("city__"), "programme__order", "number", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            regions=Region.choices,
            programmes=Programme.objects.all(),
            statuses=ProjectStatus.choices,
            selected_region=self.filters["region"],
            selected_status=self.filters["status"],
            selected_programme=self.filters["programme"],
        )
        return context
