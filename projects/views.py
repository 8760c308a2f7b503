from django.db.models import Prefetch, Q
from django.views.generic import DetailView

from projects.models import Person, ProjectMember, ResearchProject, SubProject
from stories.models import Story
from wecitizens.views import PublishedObjectMixin


class ProjectDetailView(PublishedObjectMixin, DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"
    # The people come joined to their memberships and sub-projects: one query each, not two.
    queryset = ResearchProject.objects.select_related("city", "programme", "lead").prefetch_related(
        Prefetch("memberships", ProjectMember.objects.select_related("person")),
        Prefetch("subprojects", SubProject.objects.select_related("lead")),
        "milestones",
        "tags",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stories"] = (
            Story.objects.published().filter(projects=self.object).for_cards().newest_first()[:12]
        )
        return context


class PersonDetailView(PublishedObjectMixin, DetailView):
    template_name = "projects/person_detail.html"
    context_object_name = "person"
    queryset = Person.objects.select_related("city")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["projects"] = (
            ResearchProject.objects.published()
            .filter(Q(lead=person) | Q(team=person))
            .select_related("city")
            .distinct()
        )
        context["stories"] = (
            Story.objects.published()
            .filter(people=person)
            .select_related("city")
            .newest_first()[:24]
        )
        return context
