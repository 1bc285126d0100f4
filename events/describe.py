"""A series in words: „jeden Mittwoch, 18:00–19:30, bis 28.02.2027, außer 30.12.2026“.

Built from the editor's recurrence fields (not from the RRULE text), in the language that is
active or the one asked for. Weekday names and dates come from CLDR through ``babel``; times are
always 24-hour (``HH:mm``). Each ordinal is a whole phrase of its own in the catalogues, so every
language can say "every second Wednesday of the month" in its own word order and grammar.
"""

from datetime import time
from functools import lru_cache

from babel.dates import format_date, format_time
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .languages import babel_locale
from .recurrence import Repeat, WeekOfMonth
from .timezone import calendar_timezone


def _monthly_phrase(week_of_month, weekday):
    phrases = {
        WeekOfMonth.FIRST: _("jeden ersten %(weekday)s im Monat"),
        WeekOfMonth.SECOND: _("jeden zweiten %(weekday)s im Monat"),
        WeekOfMonth.THIRD: _("jeden dritten %(weekday)s im Monat"),
        WeekOfMonth.FOURTH: _("jeden vierten %(weekday)s im Monat"),
        WeekOfMonth.LAST: _("jeden letzten %(weekday)s im Monat"),
    }
    return phrases[week_of_month] % {"weekday": weekday}


def _weekly_phrase(interval, weekday):
    if interval <= 1:
        return _("jeden %(weekday)s") % {"weekday": weekday}
    return ngettext(
        "alle %(count)s Woche am %(weekday)s", "alle %(count)s Wochen am %(weekday)s", interval
    ) % {"count": interval, "weekday": weekday}


@lru_cache(maxsize=4096)
def _clock(hour, minute, locale):
    return format_time(time(hour, minute), "HH:mm", locale=locale)


def clock_text(moment, locale):
    """The wall-clock time of ``moment`` in the calendar's time zone, 24-hour, e.g. "18:30"."""
    local = moment.astimezone(calendar_timezone())
    return _clock(local.hour, local.minute, locale)


def describe_series(event, language=None):
    """The series of ``event`` in words, or "" when it is a single date or an imported rule.

    ``event`` needs ``repeat``, ``repeat_interval``, ``repeat_week_of_month``, ``repeat_until``,
    ``repeat_count``, ``start``, ``end``, ``all_day``; cancelled dates are read from its exceptions.
    """
    if event.start is None or event.repeat not in (Repeat.WEEKLY, Repeat.MONTHLY_WEEKDAY):
        return ""
    language = language or translation.get_language()
    with translation.override(language):
        locale = babel_locale(language)
        start = event.start.astimezone(calendar_timezone())
        weekday = locale.days["format"]["wide"][start.weekday()]
        if event.repeat == Repeat.WEEKLY:
            parts = [_weekly_phrase(int(event.repeat_interval or 1), weekday)]
        else:
            parts = [_monthly_phrase(event.repeat_week_of_month or WeekOfMonth.FIRST, weekday)]
        if event.all_day:
            parts.append(_("ganztägig"))
        elif event.end and event.end != event.start:
            parts.append(f"{clock_text(event.start, locale)}–{clock_text(event.end, locale)}")
        else:
            parts.append(clock_text(event.start, locale))
        if event.repeat_until:
            parts.append(_("bis %(date)s") % {"date": format_date(event.repeat_until, "medium", locale=locale)})
        elif event.repeat_count:
            parts.append(
                ngettext("%(count)s Termin", "%(count)s Termine", event.repeat_count) % {"count": event.repeat_count}
            )
        separator = _separator(locale)
        cancelled = sorted(item.date for item in _exceptions(event) if item.cancelled and item.date)
        if cancelled:
            dates = separator.join(format_date(day, "medium", locale=locale) for day in cancelled)
            parts.append(_("außer %(dates)s") % {"dates": dates})
        return separator.join(parts)


def _separator(locale):
    """The language's list comma from CLDR ("، " in Arabic, "፣ " in Tigrinya), never a word such as "and"."""
    for style in ("standard", "standard-narrow", "standard-short", "unit", "unit-narrow", "unit-short"):
        try:
            middle = locale.list_patterns[style]["middle"]
        except KeyError:
            continue
        separator = middle.replace("{0}", "").replace("{1}", "")
        if separator.strip() and not any(char.isalpha() for char in separator):
            break
    else:
        separator = ", "
    if separator == ", " and locale.character_order == "right-to-left":
        separator = "، "  # CLDR's Arabic list patterns join with "و" (and) or a Latin comma
    return separator


def _exceptions(event):
    """The exceptions of a page, saved or in the editor's form (modelcluster keeps unsaved ones in memory)."""
    exceptions = getattr(event, "exceptions", None)
    return list(exceptions.all()) if exceptions is not None else []
