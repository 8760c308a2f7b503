import reversion
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities and programmes")

    def ready(self):
        from cities.models import City, CityLink, ProgrammeMembership
        from core.renditions import process_images_of

        process_images_of(City)

        # A city's versions keep its programme memberships and links, edited on its form.
        # (Here and not on the models: reversion reads the fields when a model is registered,
        # and modeltranslation adds the language fields only once the apps are loaded.)
        reversion.register(ProgrammeMembership)
        reversion.register(CityLink)
        reversion.register(City, follow=("memberships", "links"))
