"""The editor's start page in the admin: their working group, their drafts, their group's next events."""

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import GroupPagePermission, Page

from home.models import WorkingGroupPage


def sections_of(user):
    """The German working-group pages this user may edit (through their groups)."""
    if user.is_superuser:
        return list(WorkingGroupPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path"))
    page_ids = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page", page__locale__language_code=settings.LANGUAGE_CODE
    ).values_list("page_id", flat=True)
    return list(WorkingGroupPage.objects.filter(pk__in=page_ids).order_by("path"))


class MyWorkingGroupPanel(Component):
    name = "my_working_group"
    template_name = "home/admin/my_working_group_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        sections = sections_of(user)
        drafts = Page.objects.none()
        events = []
        for section in sections:
            drafts = drafts | Page.objects.descendant_of(section, inclusive=True).filter(
                has_unpublished_changes=True, locale__language_code=settings.LANGUAGE_CODE
            )
        drafts = drafts.filter(latest_revision__user=user).order_by("-latest_revision_created_at")[:10]
        event_model = _event_model()
        if event_model is not None and sections and hasattr(event_model, "upcoming_in"):
            events = event_model.upcoming_in(sections, after=timezone.now(), limit=5)
        return {"sections": sections, "drafts": drafts, "events": events, "request": self.request}


def _event_model():
    try:
        return apps.get_model("events", "EventPage")
    except LookupError:
        return None
