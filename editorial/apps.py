from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Who edits what: groups, permissions and review workflows per working group, the editor's start panel."""

    name = "editorial"
