from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeCitizensConfig(AppConfig):
    name = "wecitizens"
    verbose_name = _("WeCitizens")

    def ready(self):
        from django.db.backends.signals import connection_created

        from wecitizens.collation import register_thai_collation_on_sqlite

        connection_created.connect(register_thai_collation_on_sqlite)

        # issue 3: every stored image is re-encoded, whichever form uploaded it.
        from django.apps import apps
        from django.db.models.signals import pre_save

        from wecitizens.images import reencode_new_images

        for label in ("cities.City", "projects.Person", "stories.Story"):
            pre_save.connect(
                reencode_new_images, sender=apps.get_model(label), dispatch_uid=f"images-{label}"
            )
