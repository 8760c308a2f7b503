from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Research and people")

    def ready(self):
        from core.renditions import process_images_of
        from projects.models import Person

        process_images_of(Person)
