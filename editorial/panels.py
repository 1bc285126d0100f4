"""The editor's start page in the admin: their working group's weekly tasks, what waits for review, their drafts.

Wagtail's own start page counts every page of the site in all thirteen languages ("364 Seiten") and
lists work of every group; an editor of one working group needs the buttons for the week's tasks,
the numbers of their own section, and the changes that wait for them.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import GroupPagePermission, Page, TaskState

from editorial.permissions import may
from editorial.review import overdue_in
from editorial.review_screen import review_url
from home.models import NewsIndexPage, NewsPage, WorkingGroupPage


def sections_of(user):
    """The German working-group pages this user may edit (through their groups)."""
    if user.is_superuser:
        return list(WorkingGroupPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path"))
    page_ids = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="change_page", page__locale__language_code=settings.LANGUAGE_CODE
    ).values_list("page_id", flat=True)
    return list(WorkingGroupPage.objects.filter(pk__in=page_ids).order_by("path"))


def weekly_tasks(section):
    """Links for what an editor does every week in ``section``, and the section's numbers in German."""
    german = Page.objects.descendant_of(section, inclusive=True).filter(locale=section.locale)
    tasks = {"section": section, "pages": german.count(), "news": NewsPage.objects.descendant_of(section).count()}
    news_index = NewsIndexPage.objects.child_of(section).first()
    if news_index:
        tasks["add_news"] = reverse("wagtailadmin_pages:add", args=("home", "newspage", news_index.pk))
    if apps.is_installed("events"):
        from events.models import EventIndexPage, EventPage

        event_index = EventIndexPage.objects.descendant_of(section).first()
        if event_index:
            tasks["add_event"] = reverse("wagtailadmin_pages:add", args=("events", "eventpage", event_index.pk))
        tasks["events"] = EventPage.objects.descendant_of(section).count()
    if apps.is_installed("orgdirectory"):
        from orgdirectory.models import Organisation

        tasks["entries"] = Organisation.objects.filter(memberships__page=section, locale=section.locale).distinct().count()
        tasks["entries_url"] = reverse("wagtailsnippets_orgdirectory_organisation:list") + f"?working_group={section.pk}"
    tasks["translations_url"] = reverse("translations_dashboard") + f"?arbeitskreis={section.pk}"
    tasks["overdue"] = overdue_in(section)
    return tasks


def awaiting_review(user, limit=10):
    """Changes in review that this user may approve, oldest first, each with the address of its editor.

    Wagtail offers every task of a workflow to all of its reviewers; the directory has one workflow for
    all working groups, so entries of other groups are left out here as they are refused on approval."""
    states = TaskState.objects.reviewable_by(user).select_related("workflow_state").order_by("started_at")
    items = []
    for state in states:
        content = state.workflow_state.content_object
        if may(user, "publish", content):
            items.append({"title": str(content), "url": review_url(state), "since": state.started_at})
    return len(items), items[:limit]


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
        review_count, review_items = awaiting_review(user)
        return {
            "sections": [weekly_tasks(section) for section in sections],
            "drafts": [{"page": draft, "in_review": draft.workflow_in_progress} for draft in drafts],
            "events": events,
            "review_count": review_count,
            "review_items": review_items,
            "request": self.request,
        }


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


class ObjectsToModerateThisUserMayApprovePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's own „Warten auf Ihre Prüfung“ list, with only what this user may approve.

    Wagtail lists every task of a workflow to all of its reviewers; the directory has one workflow for all
    working groups, so a reviewer would see other groups' entries there (approving them is refused,
    ``orgdirectory/wagtail_hooks.py``). The same rule as ``awaiting_review``: ``may(user, "publish", …)``."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = [state for state in context["states"] if may(user, "publish", state["obj"])]
        return context
