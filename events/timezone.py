"""The calendar's time zone: every event is wall-clock time in Europe/Berlin."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def berlin_now():
    return datetime.now(BERLIN)


def start_of_day(day):
    """Midnight at the start of ``day`` in Berlin, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=BERLIN)
