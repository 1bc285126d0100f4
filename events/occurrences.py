"""The dates on which events take place, the same for the list, the month view, the feeds and the API.

Candidate events are loaded with one query (plus one prefetch of the per-date
exceptions), then each series is expanded in Python with ``dateutil`` only
inside the requested window, so the number of queries does not depend on the
number of events.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from wagtail.models import Page

from .recurrence import parse_rrule
from .timezone import calendar_timezone, start_of_day


@dataclass(frozen=True)
class Occurrence:
    """One date of an event, in the calendar's time zone."""

    event: object
    start: datetime
    end: datetime
    recurrence_id: datetime | None = None
    date_cancelled: bool = False
    moved: bool = False
    note: str = ""

    @property
    def cancelled(self):
        """True when the visitor should not come: the whole event or just this date is cancelled."""
        return self.event.cancelled or self.date_cancelled

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def day(self):
        return self.start.date()

    @property
    def last_day(self):
        """The last calendar day an all-day occurrence covers (its end is exclusive)."""
        if self.all_day:
            return (self.end - timedelta(days=1)).date() if self.end > self.start else self.start.date()
        return self.end.date()

    @property
    def key(self):
        """What identifies an occurrence across the page, feed and API: UID and start."""
        return (self.event.pk, self.start.isoformat())


class EventTimes:
    """Local start (calendar time zone) and duration, for anything with ``start`` and ``end`` (a page or a ``Schedule``)."""

    @property
    def local_start(self):
        return self.start.astimezone(calendar_timezone())

    @property
    def duration(self):
        return (self.end - self.start) if self.end else timedelta(0)


@dataclass
class Schedule(EventTimes):
    """What places an event in time, without the rest of the page.

    A list of upcoming events looks at every event of the year to show twenty; building
    thousands of page objects for that costs more than everything else on the page.
    """

    pk: int
    path: str
    slug: str
    title: str
    start: datetime
    end: datetime | None
    all_day: bool
    rrule: str
    cancelled: bool
    languages: list
    town: str  # with venue_name: what tells apart two entries of a day with the same time and title
    venue_name: str
    series_exceptions: list = field(default_factory=list)
    working_group_page: object = None  # told by the caller (``FilterOptions.group_for``)

    FIELDS = ("pk", "path", "slug", "title", "start", "end", "all_day", "rrule", "cancelled", "languages", "town", "venue_name")


def schedules(events, *, limit=None):
    """``Schedule`` of every event in the queryset ``events`` (the first ``limit``), with the exceptions
    of series: two queries."""
    from .models import EventOccurrenceException

    rows = events.select_related(None).prefetch_related(None).values_list(*Schedule.FIELDS)
    found = [Schedule(*row) for row in (rows[:limit] if limit is not None else rows)]
    series = {item.pk: item for item in found if item.rrule}
    if series:
        for exception in EventOccurrenceException.objects.filter(page_id__in=series):
            series[exception.page_id].series_exceptions.append(exception)
    return found


def _rule(event):
    return parse_rrule(event.rrule, event.start)


def _exceptions(event):
    items = event.series_exceptions if isinstance(event, Schedule) else event.exceptions.all()
    return {item.date: item for item in items}


def _overlaps(start, end, window_start, window_end):
    return start < window_end and (end > window_start or start >= window_start)


def _occurrence(event, original_start, exception):
    duration = event.duration
    if exception is None:
        return Occurrence(event, original_start, original_start + duration, recurrence_id=original_start)
    start = exception.new_start.astimezone(calendar_timezone()) if exception.new_start else original_start
    if exception.new_end:
        end = exception.new_end.astimezone(calendar_timezone())
    else:
        end = start + duration
    return Occurrence(
        event,
        start,
        end,
        recurrence_id=original_start,
        date_cancelled=exception.cancelled,
        moved=bool(exception.new_start) and not exception.cancelled,
        note=exception.note,
    )


def single_occurrence(event):
    """The only occurrence of an event without recurrence."""
    start = event.local_start
    return Occurrence(event, start, start + event.duration)


def expand(event, window_start, window_end, *, include_cancelled_dates=True):
    """The occurrences of ``event`` that overlap ``[window_start, window_end)``.

    Times stay wall-clock in the calendar's time zone: a series at 18:00 is at 18:00 before and
    after a change to or from summer time (dateutil keeps the zoneinfo tzinfo).
    """
    if not event.rrule:
        occurrence = single_occurrence(event)
        return [occurrence] if _overlaps(occurrence.start, occurrence.end, window_start, window_end) else []
    rule = _rule(event)
    exceptions = _exceptions(event)
    originals = rule.between(window_start - event.duration - timedelta(seconds=1), window_end, inc=True)
    # A date moved into the window from outside it.
    for day, exception in exceptions.items():
        if exception.new_start and not exception.cancelled:
            moved_start = exception.new_start.astimezone(calendar_timezone())
            if _overlaps(moved_start, exception.new_end or moved_start, window_start, window_end):
                original = original_start_on(event, day)
                if original is not None:
                    originals.append(original)
    result = {}
    for original in originals:
        occurrence = _occurrence(event, original, exceptions.get(original.date()))
        if occurrence.date_cancelled and not include_cancelled_dates:
            continue
        if _overlaps(occurrence.start, occurrence.end, window_start, window_end):
            result[original] = occurrence
    return list(result.values())


def series_last_end(event):
    """When the last occurrence ends, or ``None`` for a series without an end."""
    moved_ends = [item.new_end or item.new_start for item in event.exceptions.all() if item.new_start]
    if not event.rrule:
        last = event.end or event.start
    else:
        rule_text = event.rrule.upper()
        if "UNTIL=" not in rule_text and "COUNT=" not in rule_text:
            return None
        starts = list(_rule(event))  # finite: the rule has UNTIL or COUNT
        last_start = starts[-1] if starts else None
        last = (last_start or event.local_start) + event.duration
    return max([last] + [moment for moment in moved_ends if moment])


def occurrences(events, window_start, window_end, *, include_cancelled_dates=True):
    """All occurrences of ``events`` in the window, in time order."""
    found = []
    for event in events:
        found.extend(expand(event, window_start, window_end, include_cancelled_dates=include_cancelled_dates))
    found.sort(key=lambda item: (item.start, item.event.title, item.event.pk))
    return found


def candidate_events(locale, window_start, window_end, *, within=None, indexes=None, category=None, town=None):
    """Live, public events of ``locale`` that may have an occurrence in the window: one query plus one prefetch.

    ``within`` limits to events below a page (a working group section, an event index);
    ``indexes`` to events of the event indexes with these paths (a working group's indexes).
    """
    from .models import EventPage

    queryset = (
        EventPage.objects.live()
        .public()
        .filter(locale=locale)
        .filter(Q(last_end__isnull=True) | Q(last_end__gte=window_start))
        .select_related("category")
        .prefetch_related("exceptions")
        .order_by("start", "pk")
    )
    if window_end is not None:
        queryset = queryset.filter(start__lt=window_end)
    if within is not None:
        queryset = queryset.filter(path__startswith=within.path).exclude(pk=within.pk)
    if indexes is not None:
        below = Q(pk__in=[])
        for index_path in indexes:
            below |= Q(path__startswith=index_path, depth=len(index_path) // Page.steplen + 1)
        queryset = queryset.filter(below)
    if category:
        queryset = queryset.filter(category__slug=category)
    if town:
        queryset = queryset.filter(town__iexact=town)
    return queryset


def window_for_month(year, month):
    start = start_of_day(datetime(year, month, 1).date())
    next_month = datetime(year + (month // 12), month % 12 + 1, 1).date()
    return start, start_of_day(next_month)


def original_start_on(event, day):
    """The regular start of ``event``'s series on ``day``, or ``None`` if the series has no date then."""
    if not event.rrule:
        return event.local_start if event.local_start.date() == day else None
    found = _rule(event).between(start_of_day(day), start_of_day(day + timedelta(days=1)), inc=True)
    found = [moment for moment in found if moment.date() == day]
    return found[0] if found else None
