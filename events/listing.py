"""The calendar's list of occurrences, one page at a time, at the same cost for ten events or ten thousand.

A single event is its own only occurrence, so the database can order, count and slice
those; only series are expanded in Python (``events.occurrences``). The two sorted
streams are merged, and a page of the list reads no more single events than it shows.
"""

import heapq
from itertools import islice

from django.db.models import Q

from .occurrences import occurrences, schedules, single_occurrence


def sort_key(item):
    return (item.start, item.event.title, item.event.pk)


class OccurrenceList:
    """The occurrences of ``events`` (a candidate queryset) in ``[window_start, window_end)``.

    Sized and sliceable, for Django's ``Paginator``. ``language``: only events held in that
    language. ``annotate`` is called with each ``Schedule`` before it is used (to tell it its
    working group). ``newest_first`` with ``ended_by`` gives the archive: the occurrences that
    ended by then, the latest first.
    """

    def __init__(self, events, window_start, window_end, *, language="", annotate=None,
                 newest_first=False, ended_by=None):
        self.annotate = annotate or (lambda schedule: None)
        self.newest_first = newest_first
        singles = events.filter(rrule="").filter(Q(end__gt=window_start) | Q(start__gte=window_start))
        if language:
            # The JSON list as text contains the quoted code: the same test on SQLite and PostgreSQL.
            singles = singles.filter(languages__icontains=f'"{language}"')
        if ended_by is not None:
            singles = singles.filter(end__lte=ended_by)
        order = ("-start", "-title", "-pk") if newest_first else ("start", "title", "pk")
        self.singles = singles.order_by(*order)
        series = [schedule for schedule in schedules(events.exclude(rrule=""))
                  if not language or language in (schedule.languages or [])]
        for schedule in series:
            self.annotate(schedule)
        found = occurrences(series, window_start, window_end)
        if ended_by is not None:
            found = [item for item in found if item.end <= ended_by]
        self.series = sorted(found, key=sort_key, reverse=newest_first)
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.singles.count() + len(self.series)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("OccurrenceList supports slices only")
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        singles = schedules(self.singles, limit=stop)
        for schedule in singles:
            self.annotate(schedule)
        singles = [single_occurrence(schedule) for schedule in singles]
        merged = heapq.merge(singles, self.series, key=sort_key, reverse=self.newest_first)
        return list(islice(merged, start, stop))
