"""Helpers of the plugin's tests: events made where a test needs them, in the host's time zone."""

from datetime import datetime, time

from events.models import EventOccurrenceException, EventPage
from events.timezone import calendar_timezone


def at(day, hour=18, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=calendar_timezone())


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def publish_event(index, **fields):
    exceptions = fields.pop("exceptions", [])
    fields.setdefault("slug", f"event-{EventPage.objects.count()}")
    page = EventPage(**fields)
    page.exceptions = [EventOccurrenceException(**item) for item in exceptions]
    return publish(index, page)


def translate(page, locale):
    """A published translation of ``page``; its parents become aliases, as Wagtail's own copy makes them."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors(inclusive=True).filter(depth__gt=1, alias_of__isnull=True).specific():
        ancestor.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)
