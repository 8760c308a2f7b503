from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeCitizensConfig(AppConfig):
    name = "wecitizens"
    verbose_name = _("WeCitizens")

    def ready(self):
        from django.db.backends.signals import connection_created

        from wecitizens.collation import register_thai_collation_on_sqlite

        connection_created.connect(register_thai_collation_on_sqlite)
