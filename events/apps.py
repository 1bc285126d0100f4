from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    # The migrations' key type, whatever the host's DEFAULT_AUTO_FIELD says.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Veranstaltungskalender")

    def ready(self):
        from .signals import connect

        connect()
