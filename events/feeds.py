"""iCalendar (RFC 5545) export with the ``icalendar`` library.

One VEVENT per event or series (RRULE, EXDATE for cancelled dates), plus one
override per moved date (RECURRENCE-ID), a VTIMEZONE for the site's time zone,
stable UIDs and a SEQUENCE that rises whenever an editor publishes a change.

Nothing in a feed depends on the moment it is built: DTSTAMP is the event's last
publication, so an unchanged calendar gives a byte-identical feed and subscribers'
apps get "304 Not Modified" (``ics_views``).
"""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from .conf import setting
from .occurrences import original_start_on
from .timezone import calendar_timezone
from .vtimezone import rule_based_vtimezone

# DTSTAMP of an event that was never published (a preview): a fixed moment, never "now".
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def uid_domain(site):
    """The right-hand side of our UIDs: ``EVENTS_UID_DOMAIN``, else the hostname of the Wagtail ``site``.

    Subscribers' calendars recognise an event by its UID, so a site that changes its host
    name keeps its old UIDs by setting ``EVENTS_UID_DOMAIN`` to the old value.
    """
    return setting("EVENTS_UID_DOMAIN") or (site.hostname if site is not None else "localhost")


def request_uid_domain(request):
    return uid_domain(Site.find_for_request(request))


def event_uid(event, domain):
    """Stable across edits and languages: imported events keep their partner's UID."""
    return event.import_uid or f"{event.translation_key}@{domain}"


def plain_text(html):
    """Rich text as plain text with paragraph breaks, for DESCRIPTION."""
    if not html:
        return ""
    text = expand_db_html(html)
    text = re.sub(r"</(p|h\d|li)>|<br\s*/?>", "\n", text)
    text = unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def cancelled_prefix():
    return _("Abgesagt") + ": "


def location_text(event):
    parts = [event.venue_name, event.venue_address.replace("\n", ", ") if event.venue_address else "", event.town]
    text = ", ".join(part.strip() for part in parts if part and part.strip())
    return text or event.online_url


def _description(event, note=""):
    lines = []
    if note:
        lines.append(note)
    if event.cancelled and event.cancellation_note:
        lines.append(event.cancellation_note)
    lines.append(plain_text(event.description))
    if event.online_url:
        lines.append(_("Online-Teilnahme") + ": " + event.online_url)
    if event.registration_required:
        lines.append(_("Anmeldung nötig"))
    if event.registration_url:
        lines.append(_("Anmeldung") + ": " + event.registration_url)
    return "\n\n".join(line for line in lines if line)


def _add_times(component, start, end, all_day):
    if all_day:
        component.add("dtstart", start.date())
        component.add("dtend", end.date() if end > start else (start + timedelta(days=1)).date())
    else:
        component.add("dtstart", start.astimezone(calendar_timezone()))
        component.add("dtend", end.astimezone(calendar_timezone()))


def last_modified(event):
    """When the event's published content last changed (UTC, whole seconds); DTSTAMP and LAST-MODIFIED."""
    modified = event.last_published_at or event.latest_revision_created_at or event.first_published_at
    return (modified or EPOCH).astimezone(UTC).replace(microsecond=0)


def _base_component(event, request, domain, *, note=""):
    component = Event()
    component.add("uid", event_uid(event, domain))
    modified = last_modified(event)
    component.add("dtstamp", modified)
    component.add("last-modified", modified)
    component.add("sequence", event.sequence)
    summary = event.title
    if event.cancelled:
        summary = cancelled_prefix() + summary
    component.add("summary", summary)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    description = _description(event, note)
    if description:
        component.add("description", description)
    location = location_text(event)
    if location:
        component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    if event.category_id and event.category:
        component.add("categories", [event.category.name])
    url = event.get_full_url(request)
    if url:
        component.add("url", url)
    return component


def event_components(event, request, domain):
    """The VEVENTs of one event: the event or series itself, and one per moved date."""
    main = _base_component(event, request, domain)
    _add_times(main, event.local_start, event.local_start + event.duration, event.all_day)
    components = [main]
    if not event.rrule:
        return components
    main.add("rrule", vRecur.from_ical(event.rrule))
    exdates = []
    for exception in event.exceptions.all():
        original = original_start_on(event, exception.date)
        if original is None:
            continue
        if exception.cancelled:
            exdates.append(original.date() if event.all_day else original)
        elif exception.new_start:
            override = _base_component(event, request, domain, note=exception.note)
            override.add("recurrence-id", original.date() if event.all_day else original)
            new_start = exception.new_start.astimezone(calendar_timezone())
            new_end = exception.new_end.astimezone(calendar_timezone()) if exception.new_end else new_start + event.duration
            _add_times(override, new_start, new_end, event.all_day)
            components.append(override)
    if exdates:
        main.add("exdate", sorted(exdates))
    return components


def build_calendar(events, request, name):
    """The whole feed for ``events`` (already filtered), named ``name``."""
    calendar = Calendar()
    calendar.add("prodid", setting("EVENTS_PRODID"))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", calendar_timezone().key)
    calendar.add("x-published-ttl", "PT6H")
    domain = request_uid_domain(request)
    uses_timezone = False
    for event in events:
        uses_timezone = uses_timezone or not event.all_day
        for component in event_components(event, request, domain):
            calendar.add_component(component)
    if uses_timezone:
        # Before the events, as RFC 5545 readers that parse in one pass (ical.js) expect.
        calendar.subcomponents.insert(0, rule_based_vtimezone(calendar_timezone()))
    return calendar
