from django.apps import AppConfig
from django.db.models.signals import post_save


class SeoConfig(AppConfig):
    """What search engines and share previews read: meta tags and JSON-LD, share images, the
    sitemap index and robots.txt."""

    name = "seo"

    def ready(self):
        from core.content import content_models
        from seo.share_images import make_share_image_on_save, share_image_field

        # A content model whose pages are shared with a picture declares its image field.
        for model in content_models():
            if share_image_field(model):
                post_save.connect(
                    make_share_image_on_save,
                    sender=model,
                    dispatch_uid=f"share-{model._meta.label}",
                )
