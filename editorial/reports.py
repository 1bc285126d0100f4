"""Wagtail's workflow reports, narrowed to what the reader may change.

Wagtail lists every snippet in moderation to anyone who may change the snippet *type*; a directory entry's
editors are decided per entry (``orgdirectory.permissions``), so without this the Lörrach reviewer would see
the titles of Waldshut's drafts in „Berichte → Freigabeprozesse“. Pages are already narrowed by Wagtail.
"""

from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import WorkflowState, get_default_page_content_type


def hidden_workflow_states(user):
    """Primary keys of snippet workflow states whose object ``user`` may not change."""
    if user.is_superuser:
        return []
    hidden = []
    states = WorkflowState.objects.exclude(base_content_type=get_default_page_content_type())
    for state in states.prefetch_related("content_object"):
        obj = state.content_object
        viewset = getattr(type(obj), "snippet_viewset", None)
        if obj is not None and viewset is not None:
            if not viewset.permission_policy.user_has_permission_for_instance(user, "change", obj):
                hidden.append(state.pk)
    return hidden


class GroupWorkflowView(WorkflowView):
    def get_queryset(self):
        return super().get_queryset().exclude(pk__in=hidden_workflow_states(self.request.user))


class GroupWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return super().get_queryset().exclude(workflow_state__pk__in=hidden_workflow_states(self.request.user))
