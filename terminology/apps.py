from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerminologyConfig(AppConfig):
    """The termbase: one approved rendering and explanation of each official term per language,
    shown to visitors as the glossary (/<lang>/glossar/) and linked from a term's first occurrence in a page."""

    name = "terminology"
    label = "terminology"
    verbose_name = _("Fachbegriffe")
    default_auto_field = "django.db.models.BigAutoField"
