from django.apps import AppConfig, apps
from django.db.models.signals import post_save


class SeoConfig(AppConfig):
    """What search engines and share previews read: meta tags and JSON-LD, share images, the
    sitemap index and robots.txt."""

    name = "seo"

    def ready(self):
        from seo.share_images import make_share_image_on_save

        # A model whose pages are shared with a picture names its image field.
        for model in apps.get_models():
            if getattr(model, "share_image_field", None):
                post_save.connect(
                    make_share_image_on_save,
                    sender=model,
                    dispatch_uid=f"share-{model._meta.label}",
                )
