"""Dates and times as people read them in the visitor's language, formatted by ``babel`` (CLDR).

One clock convention for the whole site: the directory serves a German-speaking region, where
opening hours, appointments and bus timetables are written with the 24-hour clock, so every
language shows 24-hour times (``HH:mm``, "09:00", "18:30") — the same as the event calendar
(``events.describe.clock_text``). A 12-hour "9:00 AM"/"9:00 م" next to the 24-hour times on the
door of the office would only confuse. Dates, day and month names, the order of day and month
and the separators are the language's own from CLDR ("24.12." in German, "24‏/12" in Arabic,
"12/24" in English). Digits are babel's default (Latin) in every part of a text, so a Persian
page never mixes Persian and Latin digits within one string.

The plugin keeps its own copy of these few helpers: it must not import the event calendar.
"""

from datetime import time
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from django.conf import settings
from django.utils import translation

CLOCK_PATTERN = "HH:mm"


@lru_cache(maxsize=64)
def babel_locale(language):
    """The ``babel`` locale for a site language; German when CLDR does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("de")


def _locale(language):
    return babel_locale(language or translation.get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=4096)
def _clock(hour, minute, locale):
    return format_time(time(hour, minute), CLOCK_PATTERN, locale=locale)


def clock(value, language=None):
    """A wall-clock time, 24-hour, in the language's digits and separator: "09:00"."""
    return _clock(value.hour, value.minute, _locale(language))


def day_month(day, language=None):
    """Day and month without the year, as the language writes them: "24.12.", "24‏/12", "12/24"."""
    return format_skeleton("dM", day, locale=_locale(language))


def full_date(day, language=None):
    """A date with its weekday, as the calendar's day headings write it:
    "Donnerstag, 24. Dezember 2026" / "الخميس، 24 ديسمبر 2026" / "ሓሙስ፣ 24 ታሕሳስ 2026"."""
    return format_date(day, "full", locale=_locale(language))


def long_date(day, language=None):
    """"24. Dezember 2026" / "24 ديسمبر 2026"."""
    return format_date(day, "long", locale=_locale(language))


def weekday_names(language=None):
    """Monday..Sunday in the language (CLDR names, which cover every site language)."""
    names = _locale(language).days["format"]["wide"]
    return [names[index] for index in range(7)]


def list_separator(language=None):
    """The language's list comma from CLDR ("، " in Arabic, "፣ " in Tigrinya, ", " in German)."""
    locale = _locale(language)
    for style in ("standard", "standard-narrow", "standard-short", "unit", "unit-narrow", "unit-short"):
        pattern = locale.list_patterns.get(style, {}).get("middle") or ""
        separator = pattern.replace("{0}", "").replace("{1}", "")
        if separator.strip() and not any(char.isalpha() for char in separator):
            break
    else:
        separator = ", "
    if separator == ", " and locale.character_order == "right-to-left":
        separator = "، "  # CLDR's Arabic list patterns join with "و" (and) or a Latin comma
    return separator

