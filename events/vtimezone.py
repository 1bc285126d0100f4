"""A rule-based VTIMEZONE for the calendar's time zone, valid for every year.

icalendar's ``add_missing_timezones()`` lists each transition as multi-date ``RDATE``
lines that stop in 2037. ical.js (Thunderbird, many web calendars) reads only the first
date of such a line and then shows every summer occurrence an hour late; dateutil goes
wrong after 2037. Outlook, Google and Apple write two yearly rules instead
(``STANDARD``/``DAYLIGHT`` with ``RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU``), which every
client reads; this module derives those rules from the zone's current transitions.
"""

from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The rules are checked against the zone's own data over these years before they are written.
CHECK_YEARS = 30
RULE_START_YEAR = 1970


def _transitions(zone, year):
    """(UTC instant, offset before, offset after) of each offset change in ``year``, found day by day."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    before = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + timedelta(days=1)
        after = following.astimezone(zone).utcoffset()
        if after != before:
            low, high = 0, 24 * 60  # minutes after ``moment``: narrow down to the minute
            while high - low > 1:
                middle = (low + high) // 2
                if (moment + timedelta(minutes=middle)).astimezone(zone).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            found.append((moment + timedelta(minutes=high), before, after))
            before = after
        moment = following
    return found


def _rule(instant, offset_before):
    """Month, ``BYDAY`` (``-1SU``, ``2SU``…) and local wall time of a transition, as a yearly rule says it."""
    local = (instant + offset_before).replace(tzinfo=None)
    last_day = monthrange(local.year, local.month)[1]
    weekday = WEEKDAYS[local.weekday()]
    position = "-1" if local.day + 7 > last_day else str((local.day - 1) // 7 + 1)
    return local.month, f"{position}{weekday}", local.time()


def _rule_date(year, month, byday):
    """The day in ``year`` that a ``BYMONTH``/``BYDAY`` rule names."""
    position, weekday = int(byday[:-2]), WEEKDAYS.index(byday[-2:])
    if position < 0:
        day = date(year, month, monthrange(year, month)[1])
        return day - timedelta(days=(day.weekday() - weekday) % 7)
    day = date(year, month, 1) + timedelta(days=(weekday - date(year, month, 1).weekday()) % 7)
    return day + timedelta(weeks=position - 1)


def _offset_name(zone, instant):
    return instant.astimezone(zone).tzname() or ""


def _rules_hold(zone, rules, first_year):
    """True if the rules give exactly the zone's own transitions for ``CHECK_YEARS`` years."""
    for year in range(first_year, first_year + CHECK_YEARS):
        actual = [(instant, before, after) for instant, before, after in _transitions(zone, year)]
        if len(actual) != len(rules):
            return False
        for (instant, before, _after), (month, byday, wall) in zip(actual, rules, strict=True):
            local = (instant + before).replace(tzinfo=None)
            if local != datetime.combine(_rule_date(year, month, byday), wall):
                return False
    return True


@lru_cache(maxsize=16)
def _observances(key, year):
    """(kind, DTSTART, offset from, offset to, name, rule or None) of the zone ``key`` from ``year`` on."""
    zone = ZoneInfo(key)
    transitions = _transitions(zone, year)
    if len(transitions) == 2:
        rules = [_rule(instant, before) for instant, before, _after in transitions]
        if _rules_hold(zone, rules, year):
            found = []
            for (instant, before, after), (month, byday, wall) in zip(transitions, rules, strict=True):
                kind = TimezoneDaylight if after > before else TimezoneStandard
                start = datetime.combine(_rule_date(RULE_START_YEAR, month, byday), wall)
                rule = {"freq": "yearly", "bymonth": month, "byday": byday}
                found.append((kind, start, before, after, _offset_name(zone, instant), rule))
            return tuple(found)
    moment = datetime(year, 1, 1, tzinfo=UTC) if not transitions else transitions[-1][0]
    offset = moment.astimezone(zone).utcoffset()
    return ((TimezoneStandard, datetime(RULE_START_YEAR, 1, 1), offset, offset, _offset_name(zone, moment), None),)


def rule_based_vtimezone(zone, today=None):
    """The VTIMEZONE of ``zone`` (a ``zoneinfo.ZoneInfo``) as yearly STANDARD/DAYLIGHT rules.

    A zone without summer time (or whose changes follow no yearly weekday rule) gets one
    STANDARD observance with its current offset, which is right for every future date.
    """
    year = (today or datetime.now(UTC).date()).year
    timezone = Timezone()
    timezone.add("tzid", zone.key)
    for kind, start, before, after, name, rule in _observances(zone.key, year):
        component = kind()
        component.add("dtstart", start)
        component.add("tzoffsetfrom", before)
        component.add("tzoffsetto", after)
        if name:
            component.add("tzname", name)
        if rule:
            component.add("rrule", rule)
        timezone.add_component(component)
    return timezone
