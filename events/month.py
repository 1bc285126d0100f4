"""The month view: which month was asked for, and a grid of weeks in the visitor's locale."""

import calendar as stdlib_calendar
import re
from datetime import date, timedelta
from urllib.parse import urlencode

from babel.dates import format_skeleton
from django.utils.translation import gettext as _

from .languages import current_babel_locale

MONTH_PARAM = "monat"
VIEW_PARAM = "ansicht"
MONTH_VIEW = "monat"


def parse_month(value, today):
    """(year, month, notice): the month in ``value`` ("2026-12"), else ``today``'s month with a notice."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month, None
    notice = None
    if value:
        notice = _("Der Monat wurde nicht erkannt. Es wird der aktuelle Monat gezeigt.")
    return today.year, today.month, notice


def month_link(year, month, filters):
    return "?" + urlencode([(VIEW_PARAM, MONTH_VIEW), (MONTH_PARAM, f"{year:04d}-{month:02d}")] + filters.query_items())


def month_context(year, month, found, filters):
    """A grid of weeks; each day lists the occurrences that touch it."""
    locale = current_babel_locale()
    by_day = {}
    for occurrence in found:
        day = occurrence.day
        while day <= occurrence.last_day:
            by_day.setdefault(day, []).append(occurrence)
            day += timedelta(days=1)
    first_weekday = locale.first_week_day
    weeks = [
        [{"date": day, "in_month": day.month == month, "occurrences": by_day.get(day, [])} for day in week]
        for week in stdlib_calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, month)
    ]
    weekday_names = [
        (
            locale.days["format"]["wide"][(first_weekday + offset) % 7],
            locale.days["stand-alone"]["abbreviated"][(first_weekday + offset) % 7],
        )
        for offset in range(7)
    ]
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return {
        "month_title": format_skeleton("yMMMM", date(year, month, 1), locale=locale),
        "month_value": f"{year:04d}-{month:02d}",
        "weeks": weeks,
        "weekday_names": weekday_names,
        "previous_month_url": month_link(*previous, filters),
        "next_month_url": month_link(*following, filters),
        "month_has_events": bool(found),
    }
