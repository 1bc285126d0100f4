"""Import partners' iCalendar files into an event index, idempotent by UID.

Maps SUMMARY, DESCRIPTION, DTSTART/DTEND/DURATION (all-day too), RRULE, EXDATE,
RECURRENCE-ID overrides (moved or cancelled dates), LOCATION, GEO, URL, STATUS
and CATEGORIES. Re-importing updates the events with the same UID and never
duplicates them. The whole import is one transaction: a broken file changes nothing.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar

from . import fetching
from .feeds import cancelled_prefix, event_uid, uid_domain
from .models import EventCategory, EventOccurrenceException, EventPage
from .recurrence import Repeat, normalise_rrule
from .timezone import calendar_timezone

MAX_BYTES = fetching.MAX_BYTES


class ImportFailed(Exception):
    """The file cannot be imported; the message is plain German for the editor."""


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    submitted: list = field(default_factory=list)

    def summary(self):
        text = _("%(created)d neu angelegt, %(updated)d aktualisiert, %(unchanged)d unverändert.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }
        if self.submitted:
            text += " " + _("%(count)d davon warten auf Freigabe durch die Prüfung.") % {"count": len(self.submitted)}
        return text


def fetch(url):
    """Download a calendar the editor asked for, without reaching internal hosts (``events.fetching``)."""
    if not re.match(r"^(https?|webcal)://", url, re.I):
        raise ImportFailed(_("Die Adresse muss mit http://, https:// oder webcal:// beginnen."))
    try:
        return fetching.fetch(url)
    except fetching.FetchRefused as error:
        raise ImportFailed(str(error)) from error


def parse(data):
    """The calendar in ``data``, or ``ImportFailed`` with a German message."""
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_BYTES:
        raise ImportFailed(_("Die Datei ist zu groß (höchstens 5 MB)."))
    if b"BEGIN:VCALENDAR" not in data[:2048].upper():
        raise ImportFailed(
            _("Das ist keine iCalendar-Datei (.ics). Eine solche Datei beginnt mit „BEGIN:VCALENDAR“.")
        )
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise ImportFailed(
            _("Die Kalenderdatei ist beschädigt und konnte nicht gelesen werden: %(error)s") % {"error": error}
        ) from error
    events = [component for component in calendar.walk("VEVENT")]
    if not events:
        raise ImportFailed(_("Die Kalenderdatei enthält keine Termine."))
    for component in events:
        if not component.get("UID") or not component.get("DTSTART"):
            raise ImportFailed(
                _("Ein Termin in der Datei hat keine UID oder keinen Beginn (DTSTART). Es wurde nichts importiert.")
            )
    return events


def _moment(value):
    """An aware datetime in the calendar's time zone for a DTSTART/DTEND value; floating times are read
    as the calendar's local time."""
    zone = calendar_timezone()
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)
    return datetime.combine(value, time.min, tzinfo=zone)


def _text(component, name):
    value = component.get(name)
    return str(value).strip() if value is not None else ""


def _description_html(text):
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)


def _times(component):
    start_value = component.decoded("DTSTART")
    all_day = isinstance(start_value, date) and not isinstance(start_value, datetime)
    start = _moment(start_value)
    if component.get("DTEND") is not None:
        end = _moment(component.decoded("DTEND"))
    elif component.get("DURATION") is not None:
        end = start + component.decoded("DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    return start, end, all_day


def _exdates(component):
    values = component.get("EXDATE")
    if values is None:
        return []
    values = values if isinstance(values, list) else [values]
    return [_moment(item.dt).date() for value in values for item in value.dts]


def _categories(component):
    value = component.get("CATEGORIES")
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        names.extend(str(name).strip() for name in getattr(item, "cats", [item]))
    return [name for name in names if name]


def _fields(component, index, categories, result):
    start, end, all_day = _times(component)
    title = _text(component, "SUMMARY") or _("Ohne Titel")
    cancelled = _text(component, "STATUS").upper() == "CANCELLED"
    prefix = cancelled_prefix()
    if cancelled and title.startswith(prefix):
        title = title[len(prefix):]
    rrule = component.get("RRULE")
    fields = {
        "title": title[:255],
        "start": start,
        "end": end,
        "all_day": all_day,
        "repeat": Repeat.IMPORTED if rrule is not None else Repeat.NONE,
        "rrule": normalise_rrule(rrule.to_ical().decode()) if rrule is not None else "",
        "description": _description_html(_text(component, "DESCRIPTION")),
        "venue_name": "",
        "venue_address": _text(component, "LOCATION"),
        "info_url": _text(component, "URL")[:200],
        "cancelled": cancelled,
        "category": None,
        "latitude": None,
        "longitude": None,
    }
    geo = component.get("GEO")
    if geo is not None:
        fields["latitude"] = Decimal(str(round(geo.latitude, 6)))
        fields["longitude"] = Decimal(str(round(geo.longitude, 6)))
    for name in _categories(component):
        match = categories.get(name.casefold())
        if match is not None:
            fields["category"] = match
            break
        result.warnings.append(_("Die Veranstaltungsart „%(name)s“ gibt es hier nicht; sie wurde weggelassen.") % {"name": name})
    return fields


def _exceptions(component, overrides, start):
    items = [EventOccurrenceException(date=day, cancelled=True) for day in _exdates(component)]
    for override_component in overrides:
        original = _moment(override_component.decoded("RECURRENCE-ID")).date()
        cancelled = _text(override_component, "STATUS").upper() == "CANCELLED"
        new_start, new_end, _all_day = _times(override_component)
        items.append(
            EventOccurrenceException(
                date=original,
                cancelled=cancelled,
                new_start=None if cancelled else new_start,
                new_end=None if cancelled else new_end,
                note=_text(override_component, "DESCRIPTION").split("\n\n")[0][:255]
                if _text(override_component, "DESCRIPTION") != _text(component, "DESCRIPTION")
                else "",
            )
        )
    return items


def _same(page, fields, exceptions):
    for name, value in fields.items():
        if getattr(page, name) != value:
            return False
    current = sorted((e.date, e.cancelled, e.new_start, e.new_end, e.note) for e in page.exceptions.all())
    wanted = sorted((e.date, e.cancelled, e.new_start, e.new_end, e.note) for e in exceptions)
    return current == wanted


def import_calendar(data, index, *, user=None):
    """Import ``data`` (bytes of an .ics file) below ``index``; all or nothing."""
    components = parse(data)
    with override(index.locale.language_code):
        return _import(components, index, user)


@transaction.atomic
def _import(components, index, user):
    result = ImportResult()
    masters = {}
    overrides = {}
    for component in components:
        uid = _text(component, "UID")
        if component.get("RECURRENCE-ID") is not None:
            overrides.setdefault(uid, []).append(component)
        else:
            masters[uid] = component
    categories = {
        category.name.casefold(): category for category in EventCategory.objects.filter(locale=index.locale)
    }
    domain = uid_domain(index.get_site())
    existing = {page.import_uid or event_uid(page, domain): page for page in EventPage.objects.descendant_of(index)}
    try:
        for uid, component in masters.items():
            fields = _fields(component, index, categories, result)
            exceptions = _exceptions(component, overrides.get(uid, []), fields["start"])
            page = existing.get(uid)
            if page is not None and _same(page, fields, exceptions):
                result.unchanged.append(page)
                continue
            if page is None:
                page = EventPage(import_uid=uid, slug=_free_slug(index, fields["title"]), live=False, **fields)
                page.exceptions = exceptions
                index.add_child(instance=page)
                result.created.append(page)
            else:
                for name, value in fields.items():
                    setattr(page, name, value)
                page.exceptions = exceptions
                result.updated.append(page)
            save(page, index, user, result)
    except ValidationError as error:
        raise ImportFailed(
            _("Ein Termin in der Datei ist fehlerhaft: %(error)s. Es wurde nichts importiert.")
            % {"error": "; ".join(error.messages)}
        ) from error
    except (ValueError, TypeError, KeyError) as error:
        raise ImportFailed(
            _("Ein Termin in der Datei ist fehlerhaft: %(error)s. Es wurde nichts importiert.") % {"error": error}
        ) from error
    return result


def may_publish(user, index):
    """Whether ``user`` may publish events below ``index`` (Wagtail's page permissions; no user: a command)."""
    return user is None or index.permissions_for_user(user).can_publish_subpage()


def save(page, index, user, result):
    """Publish the imported event if the importing user may publish there; otherwise keep it a draft
    (a live event keeps its published version) and submit it to the index's workflow, as the editor's
    "Zur Prüfung einreichen" would."""
    revision = page.save_revision(user=user, clean=False)
    if may_publish(user, index):
        revision.publish(user=user)
        return
    result.submitted.append(page)
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)


def _free_slug(index, title):
    base = slugify(title)[:60] or "termin"
    taken = set(EventPage.objects.child_of(index).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
