import reversion
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Research and people")

    def ready(self):
        from core.renditions import process_images_of
        from projects.models import Milestone, Person, ProjectMember, ResearchProject, SubProject

        process_images_of(Person)

        # A project's versions keep its team, sub-projects, milestones and tag links.
        reversion.register(Person)
        reversion.register(ProjectMember)
        reversion.register(SubProject)
        reversion.register(Milestone)
        reversion.register(
            ResearchProject, follow=("memberships", "subprojects", "milestones", "tag_links")
        )
