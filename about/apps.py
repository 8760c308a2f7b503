import reversion
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    """Who runs WeCitizens and why: the About page, the logo, icons and web app manifest."""

    name = "about"
    verbose_name = _("About the site")

    def ready(self):
        from about.models import AboutPage

        reversion.register(AboutPage)
