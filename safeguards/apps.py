from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardsConfig(AppConfig):
    """Nothing lost, nobody let in: content history, redirects, personal data, operations."""

    name = "safeguards"
    verbose_name = _("Safeguards")

    def ready(self):
        from safeguards import history, redirects

        history.register_content_models()
        redirects.connect_signals()
