from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """A read-only JSON and CSV API of the published content, with an OpenAPI schema."""

    name = "opendata"
    verbose_name = _("Open data")
