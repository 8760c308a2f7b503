from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A person's rights under Thailand's PDPA: see what the site holds, ask for deletion."""

    name = "privacy"
    verbose_name = _("Privacy")
