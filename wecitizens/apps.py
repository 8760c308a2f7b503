from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeCitizensConfig(AppConfig):
    name = "wecitizens"
    verbose_name = _("WeCitizens")

    def ready(self):
        from django.db.backends.signals import connection_created

        from wecitizens import siteurl  # noqa: F401  (its system check)
        from wecitizens.collation import register_thai_collation_on_sqlite

        connection_created.connect(register_thai_collation_on_sqlite)

        # Images: every stored image is re-encoded before it is saved, whichever form
        # uploaded it; its responsive renditions are made once it is saved.
        from django.db.models.signals import post_save, pre_save

        from cities.models import City
        from projects.models import Person
        from stories.models import Story
        from wecitizens.images import reencode_new_images

        # Any change to content invalidates every cached page.
        from wecitizens.pagecache import connect_signals
        from wecitizens.renditions import make_renditions_on_save

        connect_signals()

        for model in (City, Person, Story):
            pre_save.connect(
                reencode_new_images, sender=model, dispatch_uid=f"images-{model.__name__}"
            )
            post_save.connect(
                make_renditions_on_save, sender=model, dispatch_uid=f"renditions-{model.__name__}"
            )
