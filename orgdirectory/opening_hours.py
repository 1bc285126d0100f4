"""When is an organisation open? Pure functions over plain values, in the project's time zone.

Opening hours are wall-clock times in ``settings.TIME_ZONE`` (``conf.time_zone``).

Weekly intervals may run past midnight (``closes_next_day``). Dated exceptions
replace the weekly hours of their day completely: a closed exception closes the
whole day, exception intervals are the only opening times of that day.

Every comparison is made in UTC: two aware datetimes with the same ``tzinfo``
compare by wall-clock time in Python, which is wrong on the days the clocks
change (2026-03-29 has no 02:30, 2026-10-25 has two).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from .conf import time_zone

LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class WeeklyHours:
    """Open on ``weekday`` (0 = Monday) from ``opens`` to ``closes`` (on the next day if ``closes_next_day``)."""

    weekday: int
    opens: time
    closes: time
    closes_next_day: bool = False


@dataclass(frozen=True)
class DatedHours:
    """A dated exception: closed all day, or open from ``opens`` to ``closes`` on that day only."""

    day: date
    closed: bool
    opens: time | None = None
    closes: time | None = None
    note: str = ""


@dataclass(frozen=True)
class Opening:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    closes_at: datetime | None = None
    next_opening: datetime | None = None


def local_datetime(day, clock):
    """The aware local datetime of a wall-clock time; a time that does not exist (DST gap) moves forward."""
    return _local_datetime(day, clock, time_zone())


@lru_cache(maxsize=4096)
def _local_datetime(day, clock, zone):
    moment = datetime.combine(day, clock, tzinfo=zone)
    roundtrip = moment.astimezone(UTC).astimezone(zone)
    return roundtrip if roundtrip.replace(tzinfo=None) != moment.replace(tzinfo=None) else moment


def openings_starting_on(day, weekly, exceptions):
    """The opening intervals that start on ``day`` (local date), as aware datetimes."""
    todays_exceptions = [item for item in exceptions if item.day == day]
    if todays_exceptions:
        if any(item.closed for item in todays_exceptions):
            return []
        return sorted(
            (
                Opening(local_datetime(day, item.opens), local_datetime(day, item.closes))
                for item in todays_exceptions
                if item.opens is not None and item.closes is not None
            ),
            key=lambda opening: opening.start,
        )
    openings = []
    for item in weekly:
        if item.weekday != day.weekday():
            continue
        end_day = day + timedelta(days=1) if item.closes_next_day else day
        openings.append(Opening(local_datetime(day, item.opens), local_datetime(end_day, item.closes)))
    return sorted(openings, key=lambda opening: opening.start)


def status_at(moment, weekly, exceptions):
    """Open now? Until when? If closed, when does it open next (within two weeks)?"""
    now = moment.astimezone(UTC)
    today = moment.astimezone(time_zone()).date()
    closes_at = None
    for offset in (-1, 0):
        for opening in openings_starting_on(today + timedelta(days=offset), weekly, exceptions):
            if opening.start.astimezone(UTC) <= now < opening.end.astimezone(UTC):
                if closes_at is None or opening.end.astimezone(UTC) > closes_at.astimezone(UTC):
                    closes_at = opening.end
    if closes_at is not None:
        return OpeningStatus(is_open=True, closes_at=closes_at)
    for offset in range(LOOKAHEAD_DAYS + 1):
        for opening in openings_starting_on(today + timedelta(days=offset), weekly, exceptions):
            if opening.start.astimezone(UTC) > now:
                return OpeningStatus(is_open=False, next_opening=opening.start)
    return OpeningStatus(is_open=False)


def is_open_at(moment, weekly, exceptions):
    """Open at ``moment``? Like ``status_at`` without looking ahead, for filtering many entries."""
    now = moment.astimezone(UTC)
    today = moment.astimezone(time_zone()).date()
    return any(
        opening.start.astimezone(UTC) <= now < opening.end.astimezone(UTC)
        for offset in (-1, 0)
        for opening in openings_starting_on(today + timedelta(days=offset), weekly, exceptions)
    )


def now_local():
    """Now, as an aware datetime in the project's time zone."""
    return datetime.now(tz=time_zone())
