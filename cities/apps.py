from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities and programmes")

    def ready(self):
        from cities.models import City
        from core.renditions import process_images_of

        process_images_of(City)
