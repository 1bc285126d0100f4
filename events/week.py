"""The week view: the calendar's list narrowed to one week, Monday to Sunday in the calendar's time zone.

``?ansicht=woche`` is the current week, so a link to "this week" (a home page tile) stays right however
long the linking page is kept; ``&woche=2026-W49`` (ISO week) is another week, for the previous/next links.
"""

import re
from datetime import date, timedelta
from urllib.parse import urlencode

from babel.dates import format_date
from django.utils.translation import gettext as _

from .languages import current_babel_locale
from .month import VIEW_PARAM

WEEK_VIEW = "woche"
WEEK_PARAM = "woche"


def monday_of(day):
    return day - timedelta(days=day.weekday())


def parse_week(value, today):
    """(monday, notice): the Monday of the ISO week in ``value`` ("2026-W49"), else of ``today``'s week."""
    match = re.fullmatch(r"(\d{4})-W(\d{1,2})", (value or "").strip(), re.IGNORECASE)
    if match:
        try:
            monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:
            monday = None
        if monday is not None and 2000 <= monday.year <= 2100:
            return monday, None
    notice = _("Die Woche wurde nicht erkannt. Es wird die aktuelle Woche gezeigt.") if value else None
    return monday_of(today), notice


def week_value(monday):
    year, week, _weekday = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_link(monday, filters):
    return "?" + urlencode([(VIEW_PARAM, WEEK_VIEW), (WEEK_PARAM, week_value(monday))] + filters.query_items())


def week_context(monday, filters):
    locale = current_babel_locale()
    sunday = monday + timedelta(days=6)
    return {
        "week_title": _("Woche vom %(start)s bis %(end)s") % {
            "start": format_date(monday, "long", locale=locale),
            "end": format_date(sunday, "long", locale=locale),
        },
        "week_value": week_value(monday),
        "previous_week_url": week_link(monday - timedelta(days=7), filters),
        "next_week_url": week_link(monday + timedelta(days=7), filters),
        # Page links keep the week: the list's own parameters, then the filters.
        "pagination_query": urlencode([(VIEW_PARAM, WEEK_VIEW), (WEEK_PARAM, week_value(monday))] + filters.query_items()),
    }
