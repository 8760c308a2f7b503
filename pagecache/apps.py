from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole public pages cached in the shared cache until content changes."""

    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from pagecache.cache import connect_signals

        # Any change to content invalidates every cached page.
        connect_signals()
