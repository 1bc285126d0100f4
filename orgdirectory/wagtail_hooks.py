"""Admin registration: the organisation, category and region snippets, and the import/export screens."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .admin_listing import OrganisationFilterSet, OrganisationIndexView
from .conf import permission_policy_class, setting
from .models import Category, Organisation, Region


def approves_own_submission(request, entry, action_name):
    """"Vier-Augen-Prinzip" (``ORGDIRECTORY_FOUR_EYES``): the one who submitted an entry does not approve it."""
    if action_name != "approve" or not setting("ORGDIRECTORY_FOUR_EYES"):
        return False
    state = entry.current_workflow_state
    return state is not None and state.requested_by_id == request.user.pk


class OrganisationEditView(EditView):
    """Wagtail checks model permissions on entry to the edit view; this adds the entry's working groups."""

    def get_object(self, queryset=None):
        organisation = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", organisation):
            raise PermissionDenied
        return organisation

    def workflow_action_is_valid(self):
        if approves_own_submission(self.request, self.object, self.request.POST.get("workflow-action-name")):
            return False
        return super().workflow_action_is_valid()


def scoped(view_class, action):
    """``view_class`` that also follows the entry's working groups: the user needs ``action`` on this very entry
    (``ORGDIRECTORY_PERMISSION_POLICY``), not only the model permission Wagtail checks. Checked in ``setup``,
    before the view reads or changes anything, for every view of one entry (its ``pk`` in the URL)."""

    class Scoped(view_class):
        def setup(self, request, *args, **kwargs):
            super().setup(request, *args, **kwargs)
            pk = kwargs.get("pk")
            if pk is None:
                return
            entry = get_object_or_404(Organisation._default_manager, pk=unquote(str(pk)))
            policy = permission_policy_class()(Organisation)
            if not policy.user_has_permission_for_instance(request.user, action, entry):
                raise PermissionDenied
            if approves_own_submission(request, entry, kwargs.get("action_name")):
                raise PermissionDenied

    Scoped.__name__ = Scoped.__qualname__ = f"Scoped{view_class.__name__}"
    return Scoped


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    edit_view_class = OrganisationEditView
    index_view_class = OrganisationIndexView
    filterset_class = OrganisationFilterSet
    # Every view of one entry follows its working groups: reading drafts and history needs the right to change
    # the entry, approving, rejecting and unpublishing the right to publish it.
    delete_view_class = scoped(SnippetViewSet.delete_view_class, "delete")
    copy_view_class = scoped(SnippetViewSet.copy_view_class, "change")
    unpublish_view_class = scoped(SnippetViewSet.unpublish_view_class, "publish")
    lock_view_class = scoped(SnippetViewSet.lock_view_class, "lock")
    unlock_view_class = scoped(SnippetViewSet.unlock_view_class, "unlock")
    history_view_class = scoped(SnippetViewSet.history_view_class, "change")
    usage_view_class = scoped(SnippetViewSet.usage_view_class, "change")
    inspect_view_class = scoped(SnippetViewSet.inspect_view_class, "change")
    revisions_view_class = scoped(SnippetViewSet.revisions_view_class, "change")
    revisions_compare_view_class = scoped(SnippetViewSet.revisions_compare_view_class, "change")
    revisions_unschedule_view_class = scoped(SnippetViewSet.revisions_unschedule_view_class, "publish")
    preview_on_edit_view_class = scoped(SnippetViewSet.preview_on_edit_view_class, "change")
    workflow_action_view_class = scoped(SnippetViewSet.workflow_action_view_class, "publish")
    collect_workflow_action_data_view_class = scoped(SnippetViewSet.collect_workflow_action_data_view_class, "publish")
    confirm_workflow_cancellation_view_class = scoped(SnippetViewSet.confirm_workflow_cancellation_view_class, "change")
    workflow_preview_view_class = scoped(SnippetViewSet.workflow_preview_view_class, "change")
    workflow_history_view_class = scoped(SnippetViewSet.workflow_history_view_class, "change")
    workflow_history_detail_view_class = scoped(SnippetViewSet.workflow_history_detail_view_class, "change")
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
