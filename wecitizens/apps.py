from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeCitizensConfig(AppConfig):
    name = "wecitizens"
    verbose_name = _("WeCitizens")

    def ready(self):
        from django.db.backends.signals import connection_created

        from wecitizens.collation import register_thai_collation_on_sqlite

        connection_created.connect(register_thai_collation_on_sqlite)

        # issue 5: renditions are made when an image is saved, not on the first page view.
        from django.db.models.signals import post_save

        from cities.models import City
        from projects.models import Person
        from stories.models import Story
        from wecitizens.renditions import make_renditions_on_save

        for model in (City, Person, Story):
            post_save.connect(
                make_renditions_on_save, sender=model, dispatch_uid=f"renditions-{model.__name__}"
            )
