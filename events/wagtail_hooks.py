from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import import_view, indexes_for


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("events/import/", import_view, name="events_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(indexes_for(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Kalender importieren"), reverse("events_import"), icon_name="date", order=350)
