from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The page cache and the frame cache; both go stale on every public change, wired here."""

    name = "caching"

    def ready(self):
        from caching import pages

        pages.connect_invalidation_signals()
