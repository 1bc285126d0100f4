from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgdirectoryConfig(AppConfig):
    name = "orgdirectory"
    verbose_name = _("Organisationsverzeichnis")
