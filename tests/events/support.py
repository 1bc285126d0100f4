"""Helpers for the event calendar tests: make events where a test needs them."""

from datetime import datetime, time

from django.conf import settings
from wagtail.models import Site

from events.models import EventOccurrenceException, EventPage
from events.timezone import calendar_timezone

SITE_UID_DOMAIN = settings.EVENTS_UID_DOMAIN


def at(day, hour=18, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=calendar_timezone())


def publish_event(index, **fields):
    exceptions = fields.pop("exceptions", [])
    fields.setdefault("slug", f"test-{EventPage.objects.count()}")
    page = EventPage(**fields)
    page.exceptions = [EventOccurrenceException(**item) for item in exceptions]
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def republish(page, **changes):
    page = EventPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def site_root():
    """The configured site's address (``WAGTAILADMIN_BASE_URL``), which feeds and the API link to."""
    return Site.objects.get(is_default_site=True).root_url
