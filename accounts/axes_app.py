from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class SignInAttemptsConfig(AxesAppConfig):
    """django-axes under a name staff can read: its own is "Axes", untranslatable."""

    verbose_name = _("Sign-in attempts")
