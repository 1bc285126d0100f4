from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """„War diese Seite hilfreich?“ under every public page; the answers go to the page's editors."""

    name = "feedback"
    label = "feedback"
    verbose_name = _("Rückmeldungen")
    default_auto_field = "django.db.models.BigAutoField"
