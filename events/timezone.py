"""The calendar's time zone: the site's ``settings.TIME_ZONE``; events are wall-clock times there.

Read on every call (Django clears its cache when ``TIME_ZONE`` changes), never a constant
of our own: the plugin serves sites in any time zone.
"""

from datetime import datetime, time

from django.utils.timezone import get_default_timezone


def calendar_timezone():
    return get_default_timezone()


def local_now():
    return datetime.now(calendar_timezone())


def start_of_day(day):
    """Midnight at the start of ``day`` in the calendar's time zone, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=calendar_timezone())
