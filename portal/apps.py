from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The researchers' portal: where researchers write, preview and submit their stories."""

    name = "portal"
    verbose_name = _("Researcher portal")
