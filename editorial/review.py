"""„Prüfen bis“: what a working group should have checked by now.

Content pages, working-group pages, events (the plugin's ``EventPage``) and directory entries carry an
optional review-by date (``review_by``). What is overdue is read from the German originals in a section,
as they are saved (a date changed in a draft counts once the draft is published): translations share
their original's date. The start page's panel „Mein Arbeitskreis“ lists it per section of the user
(``editorial/panels.py``); ``send_review_reminders`` mails it every week to the people who edit the
section. The kinds of item are named in German only, like the reminder mail.
"""

from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from home.models import ContentPage, WorkingGroupPage


def overdue_in(section, today=None):
    """Items of ``section`` (a German ``WorkingGroupPage``) whose review-by date is before ``today``, oldest
    date first: dicts with ``title``, ``kind``, ``review_by`` and ``edit_url`` (an admin path)."""
    today = today or timezone.localdate()
    items = []
    page_models = [(WorkingGroupPage, "Seite"), (ContentPage, "Seite")]
    if apps.is_installed("events"):
        from events.models import EventPage

        page_models.append((EventPage, "Veranstaltung"))
    for model, kind in page_models:
        pages = model.objects.descendant_of(section, inclusive=True).filter(locale=section.locale, review_by__lt=today)
        for page in pages:
            items.append(
                {
                    "title": page.title,
                    "kind": kind,
                    "review_by": page.review_by,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                }
            )
    if apps.is_installed("orgdirectory"):
        from orgdirectory.models import Organisation

        entries = Organisation.objects.filter(memberships__page=section, locale=section.locale, review_by__lt=today)
        for entry in entries.distinct():
            items.append(
                {
                    "title": entry.name,
                    "kind": "Verzeichniseintrag",
                    "review_by": entry.review_by,
                    "edit_url": reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[quote(entry.pk)]),
                }
            )
    items.sort(key=lambda item: (item["review_by"], item["title"], item["edit_url"]))
    return items


def editors_of(section):
    """Active users with an e-mail address who may edit ``section`` through a working group's groups
    (its editors and reviewers; network administrators have their rights on the whole site, not here)."""
    group_ids = GroupPagePermission.objects.filter(page=section, permission__codename="change_page").values("group_id")
    users = get_user_model().objects.filter(groups__in=group_ids, is_active=True).exclude(email="")
    return users.distinct().order_by("username")
