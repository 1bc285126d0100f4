"""Which occurrences the calendar shows for a set of filters: the shared step of pages, feeds and the API.

Every caller works from ``events.occurrences``, so the list, month view, feeds and
API agree on the dates.
"""

from dataclasses import replace

from wagtail.models import Page

from .listing import OccurrenceList
from .occurrences import candidate_events, occurrences, schedules


def _candidates(locale, filters, options, window_start, window_end, within=None):
    """``within`` (a page) wins over the group filter: an index's feed holds that index's events."""
    indexes = options.index_paths(filters.group) if filters.group is not None and within is None else None
    return candidate_events(
        locale, window_start, window_end, within=within, indexes=indexes, category=filters.category, town=filters.town
    )


def filtered_events(locale, filters, options, window_start, window_end, *, schedule_only=False, within=None):
    """Candidate events for the filters, each told its working group (no extra queries).

    ``schedule_only``: ``Schedule`` objects instead of pages, for lists of thousands of events
    of which a page shows twenty (``with_whole_events`` loads those).
    """
    events = _candidates(locale, filters, options, window_start, window_end, within)
    if schedule_only:
        events = schedules(events)
    kept = []
    for event in events:
        if filters.language and filters.language not in (event.languages or []):
            continue
        event.working_group_page = options.group_for(event)
        kept.append(event)
    return kept


def listed_occurrences(locale, filters, options, window_start, window_end, **kwargs):
    """The filtered occurrences in the window as an ``OccurrenceList``, for a paginated list."""
    events = _candidates(locale, filters, options, window_start, window_end)

    def annotate(schedule):
        schedule.working_group_page = options.group_for(schedule)

    return OccurrenceList(events, window_start, window_end, language=filters.language, annotate=annotate, **kwargs)


def filtered_occurrences(locale, filters, options, window_start, window_end):
    """The occurrences in the window, in time order, with schedule-only events (see ``with_whole_events``)."""
    events = filtered_events(locale, filters, options, window_start, window_end, schedule_only=True)
    return occurrences(events, window_start, window_end)


def with_urls(found, request):
    """``found`` with a URL on each occurrence's ``Schedule``: its event index's URL and its slug,
    which is how Wagtail builds a page's URL; one query for the indexes, none per event."""
    parents = {item.event.path[: -Page.steplen] for item in found}
    urls = {index.path: index.get_url(request) for index in Page.objects.filter(path__in=parents).select_related("locale")}
    for item in found:
        item.event.url = f"{urls[item.event.path[: -Page.steplen]]}{item.event.slug}/"
    return found


def with_whole_events(found):
    """``found`` with each occurrence's whole event: one query for the occurrences about to be shown."""
    from .models import EventPage

    whole = EventPage.objects.select_related("category").in_bulk({item.event.pk for item in found})
    result = []
    for item in found:
        event = whole[item.event.pk]
        event.working_group_page = item.event.working_group_page
        result.append(replace(item, event=event))
    return result


def group_by_day(items):
    """[(day, [occurrence, ...]), ...] in the order given."""
    days = []
    for item in items:
        if days and days[-1][0] == item.day:
            days[-1][1].append(item)
        else:
            days.append((item.day, [item]))
    return days
