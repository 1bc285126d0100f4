"""Admin registration: the organisation, category and region snippets, and the import/export screens."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .admin_listing import OrganisationFilterSet, OrganisationIndexView
from .conf import permission_policy_class
from .models import Category, Organisation, Region


class OrganisationEditView(EditView):
    """Wagtail checks model permissions on entry to the edit view; this adds the entry's working groups."""

    def get_object(self, queryset=None):
        organisation = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", organisation):
            raise PermissionDenied
        return organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    edit_view_class = OrganisationEditView
    index_view_class = OrganisationIndexView
    filterset_class = OrganisationFilterSet
    icon = "site"
    menu_label = _("Organisationen")
    list_display = ["name", "category", "town", LiveStatusTagColumn()]
    search_fields = ["name", "short_name", "town"]
    search_backend_name = None
    ordering = ["name"]
    # Wagtail's own "Download CSV / XLSX" of the (filtered) listing; the full, re-importable table is
    # the "Verzeichnis: Import und Export" screen (office.py).
    list_export = ["key", "name", "short_name", "street", "postcode", "town", "phone", "email", "website", "live"]
    export_filename = "organisationen"

    @property
    def permission_policy(self):
        """Built from ``ORGDIRECTORY_PERMISSION_POLICY`` on each use (cheap), so the setting is always honoured."""
        return permission_policy_class()(self.model)


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Kategorien")
    list_display = ["name", "slug", "sort_order"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    menu_label = _("Regionen")
    list_display = ["name", "slug", "sort_order"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, CategoryViewSet, RegionViewSet)
    menu_icon = "site"
    menu_label = _("Verzeichnis")
    menu_name = "orgdirectory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_transfer_urls():
    return [
        path("verzeichnis/austausch/", admin_views.transfer, name="orgdirectory_transfer"),
        path("verzeichnis/export.csv", admin_views.export_csv, name="orgdirectory_export_csv"),
        path("verzeichnis/export.json", admin_views.export_json, name="orgdirectory_export_json"),
        path("verzeichnis/export.xlsx", admin_views.export_xlsx, name="orgdirectory_export_xlsx"),
    ]


class TransferMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_transfer(request.user)


@hooks.register("register_admin_menu_item")
def register_transfer_menu_item():
    return TransferMenuItem(
        _("Verzeichnis: Import und Export"), reverse("orgdirectory_transfer"), icon_name="download", order=810
    )
