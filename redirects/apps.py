from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    """Old addresses keep working: a changed slug leaves a permanent redirect behind."""

    name = "redirects"
    verbose_name = _("Redirects")

    def ready(self):
        from redirects import receivers

        receivers.connect()
