from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project package as an app: health check, page cache invalidation, backup commands."""

    name = "cms"
    verbose_name = "Betrieb"

    def ready(self):
        from cms import page_cache

        page_cache.connect_invalidation_signals()
