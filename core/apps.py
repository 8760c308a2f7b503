from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Thai text, Buddhist Era dates, translations, HTML and image safety: no domain here."""

    name = "core"
    verbose_name = _("WeCitizens")

    def ready(self):
        from django.contrib.admin.templatetags import admin_list
        from django.db.backends.signals import connection_created

        from core import content, linebreaks, siteurl  # noqa: F401  (siteurl: its system check)
        from core.admin import boolean_icon
        from core.collation import register_thai_collation_on_sqlite
        from core.content import connect_model_signals

        connection_created.connect(register_thai_collation_on_sqlite)
        connect_model_signals()
        # Django's change lists and read-only fields all draw this icon through this one name.
        admin_list._boolean_icon = boolean_icon
        content.changed.connect(linebreaks.names_changed, dispatch_uid="thai-names-changed")
