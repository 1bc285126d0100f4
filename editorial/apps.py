from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Who edits what: groups, permissions and review workflows per working group, the editor's start panel."""

    name = "editorial"

    def ready(self):
        from . import comparisons
        from .german_admin import label_choosers_language_filter, transliterate_slugs_the_german_way

        comparisons.register()

        label_choosers_language_filter()
        transliterate_slugs_the_german_way()
