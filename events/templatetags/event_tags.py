"""Dates, weekdays and times in the visitor's language and conventions, formatted by ``babel``."""

from babel.dates import format_date, format_skeleton
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events.describe import clock_text
from events.filters import FilterOptions
from events.hyphenation import hyphenate
from events.languages import current_babel_locale

register = template.Library()

# ``{{ name|hyphenate }}``: soft hyphens in long words of headings and names (hyphenation.py).
register.filter("hyphenate", hyphenate, is_safe=True)


@register.filter
def day_heading(day):
    """"Dienstag, 1. Dezember 2026" / "الثلاثاء، 1 ديسمبر 2026"."""
    return format_date(day, "full", locale=current_babel_locale())


@register.filter
def medium_date(day):
    return format_date(day, "medium", locale=current_babel_locale())


@register.filter
def day_number(day):
    return format_skeleton("d", day, locale=current_babel_locale())


@register.filter
def clock(moment):
    """"18:30" in every language: 24-hour times, as in the series summary (``events.describe``)."""
    return clock_text(moment, current_babel_locale())


@register.filter
def category_name(event):
    """The category of ``event`` in the event's language. A translated event may still point at the
    German category (the demo loader and copies made before the category was translated do):
    then the name comes from the same language's category with the same slug (the cached filter list)."""
    category = event.category
    if category is None:
        return ""
    if category.locale_id == event.locale_id:
        return category.name
    return FilterOptions.for_locale(Locale(pk=event.locale_id)).categories.get(category.slug) or category.name


@register.filter
def iso(moment):
    return moment.isoformat()


@register.simple_tag
def month_day_entries(occurrences):
    """The links of one day of the month view.

    Built here rather than in a template loop: a busy month has hundreds of them, and
    the template engine would spend more time on them than everything else on the page.
    Two entries of a day with the same time and title (one per working group, say) would look
    like duplicates: those say what tells them apart, the working group and the place.
    """
    cancelled = _("Abgesagt")
    seen = {}
    for item in occurrences:
        key = (item.all_day, item.start, item.event.title)
        seen[key] = seen.get(key, 0) + 1

    def telling_apart(item):
        if seen[(item.all_day, item.start, item.event.title)] < 2:
            return ""
        group = getattr(item.event.working_group_page, "title", "")
        place = getattr(item.event, "venue_name", "") or getattr(item.event, "town", "")
        parts = [part for part in (group, place) if part]
        if not parts:
            return ""
        return format_html(' <span class="event-month__where">{}</span>', " · ".join(parts))

    return format_html_join(
        "",
        '<li class="{}"><a href="{}">{}{}{}</a>{}</li>',
        (
            (
                "event-item--cancelled" if item.cancelled else "",
                item.event.url,
                "" if item.all_day else format_html('<time datetime="{}">{}</time> ', item.start.isoformat(), clock(item.start)),
                format_html('<span class="event-badge event-badge--cancelled">{}</span> ', cancelled) if item.cancelled else "",
                item.event.title,
                telling_apart(item),
            )
            for item in occurrences
        ),
    )


def date_and_time(date_text, time_text, locale):
    """A date and a time (or "ganztägig") joined by the language's medium date-time pattern from CLDR:
    "Mittwoch, 9. Dezember 2026, 18:00" but "الأربعاء، 9 ديسمبر 2026، 18:00" — never a hard-coded Latin comma."""
    pattern = locale.datetime_formats.get("medium") or "{1}, {0}"
    pattern = getattr(pattern, "pattern", pattern)
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


@register.simple_tag
def occurrence_when(occurrence, with_date=False):
    """The time span of an occurrence, shortest form that is still unambiguous."""
    locale = current_babel_locale()
    start, end = occurrence.start, occurrence.end
    if occurrence.all_day:
        if occurrence.last_day != occurrence.day:
            return f"{format_date(occurrence.day, 'medium', locale=locale)} – {format_date(occurrence.last_day, 'medium', locale=locale)}"
        text = _("ganztägig")
        return date_and_time(format_date(occurrence.day, "full", locale=locale), text, locale) if with_date else text
    start_text = clock(start)
    if end.date() != start.date():
        return (
            f"{date_and_time(format_date(start, 'medium', locale=locale), start_text, locale)} – "
            f"{date_and_time(format_date(end, 'medium', locale=locale), clock(end), locale)}"
        )
    span = start_text if end == start else f"{start_text} – {clock(end)}"
    return date_and_time(format_date(start, "full", locale=locale), span, locale) if with_date else span
