from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """Feeds, sitemap, robots.txt, share images and the meta tags search engines read."""

    name = "syndication"
    verbose_name = _("Feeds and sharing")

    def ready(self):
        from django.db.models.signals import post_save

        from cities.models import City
        from stories.models import Story
        from syndication.share_images import make_rendition_on_save

        for model in (City, Story):
            post_save.connect(
                make_rendition_on_save, sender=model, dispatch_uid=f"share-{model._meta.label}"
            )
