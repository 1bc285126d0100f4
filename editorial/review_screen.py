"""The reviewer's screen: what changed against the live version, and „Freigeben“ / „Änderungen anfordern“ as buttons.

Wagtail offers a change under review to its reviewers in the editor's action menu, behind „Weitere Aktionen“, and
shows no comparison there. The dashboard's review lists (editorial/panels.py) lead here instead: Wagtail's own
revision comparison (``RevisionsCompareView``, the live version against the revision under review) with the
actions the task offers this user (``Task.get_actions``) as visible buttons. They post to Wagtail's workflow action
URLs (``wagtailadmin_pages:workflow_action`` and the snippets' equivalent), so that Wagtail checks permissions and
the „Vier-Augen-Prinzip“ (editorial/models.py) as everywhere else.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.views.generic.models import RevisionsCompareView
from wagtail.models import Page, TaskState

from editorial.permissions import may


def review_url(task_state):
    return reverse("editorial_review", args=[task_state.pk])


def _url_name(obj, name):
    if isinstance(obj, Page):
        return f"wagtailadmin_pages:{name}"
    return type(obj).snippet_viewset.get_url_name(name)


class ReviewScreen(RevisionsCompareView):
    template_name = "editorial/review_screen.html"
    page_title = _("Prüfen")
    header_icon = "tasks"

    def setup(self, request, task_state_id, *args, **kwargs):
        self.task_state = get_object_or_404(TaskState, pk=task_state_id).specific
        super().setup(request, None, "live", "review", *args, **kwargs)

    def get_object(self, queryset=None):
        obj = self.task_state.workflow_state.content_object
        obj = obj.specific if isinstance(obj, Page) else obj
        if not (may(self.request.user, "publish", obj) or may(self.request.user, "change", obj)):
            raise PermissionDenied
        return obj

    def get_edit_handler(self):
        if isinstance(self.object, Page):
            return self.object.get_edit_handler()
        return get_edit_handler(type(self.object))

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.object)

    @cached_property
    def header_buttons(self):
        return []

    def _get_revision_and_heading(self, revision_id):
        if revision_id == "review":
            return self.task_state.revision.as_object(), _("Zur Prüfung eingereicht")
        if getattr(self.object, "live", True) and getattr(self.object, "live_revision_id", True):
            return self.object, _("Veröffentlicht")
        # Never published: compare with an empty one, so every field shows as new.
        blank = type(self.object)()
        if hasattr(blank, "locale_id"):
            blank.locale_id = self.object.locale_id
        return blank, _("Neu, noch nicht veröffentlicht")

    def actions(self):
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            return []
        task = self.task_state.task.specific
        found = {}
        for name, label, _modal in task.get_actions(self.object, self.request.user):
            if name in ("approve", "reject") and name not in found:
                url = reverse(
                    _url_name(self.object, "workflow_action"), args=[quote(self.object.pk), name, self.task_state.pk]
                )
                found[name] = {"name": name, "label": label, "url": url}
        return [found[name] for name in ("approve", "reject") if name in found]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.task_state
        actions = self.actions()
        submitted_by = state.workflow_state.requested_by
        context.update(
            {
                "task_state": state,
                "in_progress": state.status == TaskState.STATUS_IN_PROGRESS,
                "actions": actions,
                "approve": next((action for action in actions if action["name"] == "approve"), None),
                "reject": next((action for action in actions if action["name"] == "reject"), None),
                "own_submission": submitted_by is not None and submitted_by.pk == self.request.user.pk,
                "submitted_by": submitted_by,
                "edit_url": self.get_edit_url(),
                "preview_url": self.preview_url(),
                "back_url": review_url(state),
                "is_new": context["revision_a"] is not self.object,
            }
        )
        return context

    def preview_url(self):
        try:
            return reverse(
                _url_name(self.object, "workflow_preview"), args=[quote(self.object.pk), self.task_state.task_id]
            )
        except NoReverseMatch:  # a snippet without preview
            return None
