"""Import partners' iCalendar files into an event index, idempotent by UID.

Maps SUMMARY, DESCRIPTION, DTSTART/DTEND/DURATION (all-day too), RRULE, EXDATE,
RECURRENCE-ID overrides (moved or cancelled dates), LOCATION, GEO, URL, STATUS
and CATEGORIES. Re-importing updates the events with the same UID and never
duplicates them. The whole import is one transaction: a broken file changes nothing.

Files come from whatever partners use: the encoding is detected (BOM, UTF-8, UTF-16,
Windows-1252 as German Windows software writes it), floating times follow the file's
``X-WR-TIMEZONE``, and events that carry this site's own UIDs (a partner re-publishing
our feed, or our own feed imported by mistake) are left alone. An entry that cannot be
imported (no UID, no start, extra dates in ``RDATE``) is named with its title and line;
the rest is imported only when the editor says so (``skip_broken``).
"""

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar

from . import fetching
from .feeds import cancelled_prefix, uid_domain
from .models import EventCategory, EventOccurrenceException, EventPage
from .recurrence import Repeat, normalise_rrule
from .timezone import calendar_timezone

MAX_BYTES = fetching.MAX_BYTES
# The zone of floating times (no TZID, no "Z") while a file is imported: its X-WR-TIMEZONE, else ours.
_floating_zone = ContextVar("floating_zone", default=None)


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


def decode(data):
    """The text of an .ics file and a note for the editor if it was not UTF-8.

    A BOM says which encoding it is; without one, UTF-16 shows by its zero bytes; UTF-8 is
    tried next and Windows-1252 (what German Windows programs write) last.
    """
    if isinstance(data, str):
        return data, ""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, encoding), ""
    head = data[:200]
    if head.count(b"\x00") > len(head) // 4:
        return _decode_as(data, "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFailed(_undecodable()) from None
    return text, _(
        "Die Datei war nicht in UTF-8 gespeichert und wurde als Windows-1252 gelesen. "
        "Bitte prüfen Sie Umlaute und Sonderzeichen in den importierten Terminen."
    )


def _undecodable():
    return _(
        "Die Zeichenkodierung der Datei ist unbekannt. Bitte exportieren Sie den Kalender noch einmal "
        "als iCalendar-Datei in UTF-8."
    )


def _decode_as(data, encoding):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFailed(_undecodable()) from None


@dataclass
class Parsed:
    """A readable file: the entries to import, the broken ones (German, naming each) and notes."""

    events: list
    problems: list
    notes: list
    floating_zone: object


def _entry_lines(text):
    """The line number of each ``BEGIN:VEVENT``, in the order icalendar walks them."""
    return [number for number, line in enumerate(text.splitlines(), start=1) if line.strip().upper() == "BEGIN:VEVENT"]


def _entry_name(component, line):
    title = _text(component, "SUMMARY") or _("Ohne Titel")
    return _("„%(title)s“ (Zeile %(line)s)") % {"title": title, "line": line or "?"}


def _zone_of(calendar):
    name = _text(calendar, "X-WR-TIMEZONE")
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def read(data):
    """The calendar in ``data`` as a ``Parsed``, or ``ImportFailed`` with a plain German message."""
    if isinstance(data, bytes) and len(data) > MAX_BYTES:
        raise ImportFailed(_("Die Datei ist zu groß (höchstens 5 MB)."))
    text, note = decode(data)
    if "BEGIN:VCALENDAR" not in text[:2048].upper():
        raise ImportFailed(
            _("Das ist keine iCalendar-Datei (.ics). Eine solche Datei beginnt mit „BEGIN:VCALENDAR“.")
        )
    if "END:VCALENDAR" not in text[-2048:].upper():
        raise ImportFailed(
            _(
                "Die Kalenderdatei ist unvollständig: Ihr Ende fehlt. Vermutlich wurde sie nicht ganz "
                "heruntergeladen. Bitte laden oder exportieren Sie den Kalender noch einmal."
            )
        )
    try:
        calendar = Calendar.from_ical(text)
    except Exception as error:  # icalendar raises many kinds; none of their English texts reaches the editor
        raise ImportFailed(
            _(
                "Die Kalenderdatei ist beschädigt und konnte nicht gelesen werden. "
                "Bitte exportieren Sie den Kalender noch einmal."
            )
        ) from error
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise ImportFailed(_("Die Kalenderdatei enthält keine Termine."))
    lines = _entry_lines(text)
    kept, problems = [], []
    for position, component in enumerate(events):
        line = lines[position] if position < len(lines) else None
        name = _entry_name(component, line)
        component.entry_name = name
        if not component.get("UID"):
            problems.append(_("%(entry)s hat keine UID.") % {"entry": name})
        elif not component.get("DTSTART"):
            problems.append(_("%(entry)s hat keinen Beginn (DTSTART).") % {"entry": name})
        elif component.get("RDATE") is not None:
            problems.append(
                _(
                    "%(entry)s hat zusätzliche einzelne Termine (RDATE), die hier nicht übernommen werden "
                    "können. Bitte tragen Sie diese Termine von Hand ein."
                )
                % {"entry": name}
            )
        else:
            kept.append(component)
    return Parsed(kept, problems, [note] if note else [], _zone_of(calendar))


def parse(data):
    """The importable entries in ``data``; ``ImportFailed`` if the file or any entry is broken."""
    parsed = read(data)
    if parsed.problems:
        raise ImportFailed(" ".join([*parsed.problems, _nothing_imported()]))
    return parsed.events


def _nothing_imported():
    return _(
        "Es wurde nichts importiert. Sie können die übrigen Termine importieren, wenn Sie "
        "„Fehlerhafte Termine überspringen“ wählen."
    )


def _moment(value):
    """An aware datetime in the calendar's time zone for a DTSTART/DTEND value; floating times are read
    in the file's ``X-WR-TIMEZONE``, else as the calendar's local time."""
    zone = calendar_timezone()
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=_floating_zone.get() or zone).astimezone(zone)
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


def is_own_uid(uid, domain):
    """True for the UIDs this site gives its events (``<translation key>@<domain>``, ``feeds.event_uid``)."""
    return uid.casefold().endswith("@" + domain.casefold())


def import_calendar(data, index, *, user=None, skip_broken=False):
    """Import ``data`` (bytes of an .ics file) below ``index``; all or nothing.

    With broken entries the import is refused, naming them, unless ``skip_broken``: then the
    others are imported and each broken one is reported as a warning. Entries carrying this
    site's own UIDs are never imported (they are the site's events already).
    """
    parsed = read(data)
    if parsed.problems and not skip_broken:
        raise ImportFailed(" ".join([*parsed.problems, _nothing_imported()]))
    domain = uid_domain(index.get_site())
    own = [component for component in parsed.events if is_own_uid(_text(component, "UID"), domain)]
    components = [component for component in parsed.events if not is_own_uid(_text(component, "UID"), domain)]
    token = _floating_zone.set(parsed.floating_zone)
    try:
        with override(index.locale.language_code):
            result = _import(components, index, user)
    finally:
        _floating_zone.reset(token)
    result.warnings[:0] = [*parsed.notes, *parsed.problems]
    if own:
        result.warnings.append(
            _("Termine aus diesem Kalender selbst wurden nicht importiert: %(count)s.") % {"count": len(own)}
        )
    return result


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
    # Only events imported here before are updated; the site's own events are never overwritten.
    existing = {page.import_uid: page for page in EventPage.objects.descendant_of(index).exclude(import_uid="")}
    component = None
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
            _("Der Termin %(entry)s ist fehlerhaft: %(error)s. Es wurde nichts importiert.")
            % {"entry": _entry(component), "error": "; ".join(error.messages)}
        ) from error
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise ImportFailed(
            _(
                "Der Termin %(entry)s enthält ungültige Angaben (zum Beispiel ein Datum oder eine "
                "Wiederholungsregel, die nicht gelesen werden kann). Es wurde nichts importiert."
            )
            % {"entry": _entry(component)}
        ) from error
    return result


def _entry(component):
    return getattr(component, "entry_name", None) or _text(component, "SUMMARY")


def may_publish(user, index):
    """Whether ``user``'s imported events below ``index`` go live at once (``EVENTS_PUBLISH_POLICY``; no user: a command)."""
    from .conf import hook

    return user is None or bool(hook("EVENTS_PUBLISH_POLICY")(user, index))


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
