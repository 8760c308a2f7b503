from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole public pages cached in the shared cache until content changes."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from core import content
        from pagecache.clock import bump_on_content_change

        content.changed.connect(bump_on_content_change, dispatch_uid="pagecache-content")
