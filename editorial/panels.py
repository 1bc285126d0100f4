"""The editor's start page in the admin: their working group, their drafts, their group's next events."""

from datetime import timedelta

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
    template_name = "editorial/my_working_group_panel.html"
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
        if sections and apps.is_installed("events"):
            events = upcoming_events(sections)
        return {"sections": sections, "drafts": drafts, "events": events, "request": self.request}


def upcoming_events(sections, days=60, limit=5):
    """The next dates of events in the editor's sections (German originals), recurring ones expanded."""
    from events.occurrences import candidate_events, occurrences

    start = timezone.now()
    end = start + timedelta(days=days)
    found = []
    for section in sections:
        found += occurrences(candidate_events(section.locale, start, end, within=section), start, end)
    found.sort(key=lambda occurrence: occurrence.start)
    return [{"page": occurrence.event, "start": occurrence.start, "cancelled": occurrence.cancelled} for occurrence in found[:limit]]
