"""Recurrence rules: built from the editor's simple choices, stored as RFC 5545 RRULE text.

Editors never write an RRULE by hand. They pick "weekly", "every n weeks" or
"monthly on a weekday" ("every first Tuesday"), and an end (until a date or a
number of times). The rule text is what the feed publishes and what
``events.occurrences`` expands with ``dateutil`` – no date arithmetic of our own.
"""

from datetime import UTC, datetime, time

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .timezone import calendar_timezone

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Repeat(models.TextChoices):
    NONE = "", _("Einmaliger Termin")
    WEEKLY = "weekly", _("Jede Woche oder alle paar Wochen")
    MONTHLY_WEEKDAY = "monthly", _("Jeden Monat an einem bestimmten Wochentag (z. B. jeden ersten Dienstag)")
    IMPORTED = "custom", _("Regel aus einem importierten Kalender")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("ersten")
    SECOND = 2, _("zweiten")
    THIRD = 3, _("dritten")
    FOURTH = 4, _("vierten")
    LAST = -1, _("letzten")


def build_rrule(repeat, start, *, interval=1, week_of_month=None, until=None, count=None):
    """The RRULE text for the editor's choices, or "" for a single event.

    ``start`` is the first occurrence (aware); its weekday is the weekday of the
    series. ``until`` is a date: the series ends at the end of that day in the calendar's time zone.
    """
    if not repeat or repeat == Repeat.IMPORTED:
        return ""
    weekday = WEEKDAY_CODES[start.astimezone(calendar_timezone()).weekday()]
    if repeat == Repeat.WEEKLY:
        parts = ["FREQ=WEEKLY", f"INTERVAL={max(int(interval or 1), 1)}", f"BYDAY={weekday}"]
    elif repeat == Repeat.MONTHLY_WEEKDAY:
        parts = ["FREQ=MONTHLY", f"BYDAY={int(week_of_month or 1)}{weekday}"]
    else:
        raise ValueError(repeat)
    if until:
        end_of_day = datetime.combine(until, time(23, 59, 59), tzinfo=calendar_timezone())
        parts.append("UNTIL=" + end_of_day.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    elif count:
        parts.append(f"COUNT={int(count)}")
    return ";".join(parts)


def parse_rrule(text, start):
    """The ``dateutil`` rule for ``text`` starting at ``start`` (wall-clock time in the calendar's time zone).

    Raises ``ValidationError`` with a plain German message when the text is not a
    valid RFC 5545 rule.
    """
    local_start = start.astimezone(calendar_timezone())
    try:
        return rrulestr(_normalise_until(text), dtstart=local_start, forceset=False)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("Die Wiederholungsregel ist ungültig: %(error)s"), params={"error": error}
        ) from error


def _normalise_until(text):
    """dateutil refuses a floating UNTIL with an aware start; RFC 5545 allows a date-only UNTIL.

    Partners' calendars send both, so a date-only or floating UNTIL is read as the
    end of that day in the calendar's time zone and written in UTC, which is what RFC 5545 asks for.
    """
    parts = []
    for part in text.strip().removeprefix("RRULE:").split(";"):
        key, _sep, value = part.partition("=")
        if key.upper() == "UNTIL" and not value.upper().endswith("Z"):
            day = datetime.strptime(value[:8], "%Y%m%d").date()
            clock = time(23, 59, 59)
            if len(value) >= 15:
                clock = datetime.strptime(value[9:15], "%H%M%S").time()
            value = datetime.combine(day, clock, tzinfo=calendar_timezone()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{key.upper()}={value}")
    return ";".join(parts)


def normalise_rrule(text):
    """The rule text as stored: upper-case keys, FREQ first then sorted, no ``RRULE:`` prefix, UNTIL in UTC.

    One spelling per rule, so an exported and re-imported rule compares equal.
    """
    text = (text or "").strip()
    if not text:
        return ""
    parts = [part for part in _normalise_until(text).split(";") if part]
    return ";".join(sorted(parts, key=lambda part: (not part.startswith("FREQ="), part)))
