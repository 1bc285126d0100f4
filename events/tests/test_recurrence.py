"""Recurrence, ported from the site's tests to the host's time zone (US summer time: 14 March and 7 November 2027)."""

from datetime import date, timedelta

import pytest
import recurring_ical_events
from django.core.exceptions import ValidationError
from icalendar import Calendar

from events.feeds import build_calendar
from events.models import EventPage
from events.occurrences import expand
from events.recurrence import Repeat, WeekOfMonth, normalise_rrule
from events.tests.support import at, publish_event
from events.timezone import start_of_day

pytestmark = pytest.mark.django_db


def window(first, last):
    return start_of_day(first), start_of_day(last + timedelta(days=1))


def test_weekly_series_keeps_its_wall_clock_time_across_the_spring_change(index):
    event = publish_event(
        index, title="Sprachcafé", start=at(date(2027, 3, 2), 18), end=at(date(2027, 3, 2), 20),
        repeat=Repeat.WEEKLY, repeat_count=4,
    )
    found = expand(event, *window(date(2027, 3, 1), date(2027, 4, 30)))
    assert [item.start.date() for item in found] == [date(2027, 3, 2), date(2027, 3, 9), date(2027, 3, 16), date(2027, 3, 23)]
    assert {(item.start.hour, item.end.hour) for item in found} == {(18, 20)}
    assert [item.start.utcoffset() / timedelta(hours=1) for item in found] == [-5, -5, -4, -4]
    assert event.last_end == at(date(2027, 3, 23), 20)


def test_sunday_series_on_the_autumn_change_weekend(index):
    event = publish_event(
        index, title="Treffen", start=at(date(2027, 10, 31), 10), end=at(date(2027, 10, 31), 12), repeat=Repeat.WEEKLY,
    )
    found = expand(event, *window(date(2027, 10, 25), date(2027, 11, 15)))
    assert [(item.start.date(), item.start.hour) for item in found] == [
        (date(2027, 10, 31), 10), (date(2027, 11, 7), 10), (date(2027, 11, 14), 10)
    ]
    assert found[0].start.utcoffset() == timedelta(hours=-4)
    assert found[1].start.utcoffset() == timedelta(hours=-5)
    assert event.last_end is None


def test_every_first_tuesday(index):
    event = publish_event(
        index, title="Beratung", start=at(date(2027, 1, 5), 9), end=at(date(2027, 1, 5), 11),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=WeekOfMonth.FIRST, repeat_count=5,
    )
    assert event.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=5"
    found = expand(event, *window(date(2027, 1, 1), date(2027, 12, 31)))
    assert [item.start.date() for item in found] == [
        date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2), date(2027, 4, 6), date(2027, 5, 4)
    ]


def test_until_is_the_end_of_that_day_in_the_sites_time_zone(index):
    event = publish_event(
        index, title="Netzwerk", start=at(date(2027, 1, 29), 14), end=at(date(2027, 1, 29), 16),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=WeekOfMonth.LAST, repeat_until=date(2027, 4, 30),
    )
    assert "UNTIL=20270501T035959Z" in event.rrule  # 23:59:59 in New York (summer time) is 03:59:59 UTC
    found = expand(event, *window(date(2027, 1, 1), date(2027, 12, 31)))
    assert [item.start.date() for item in found] == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26), date(2027, 4, 30)]


def test_cancelled_and_moved_dates_agree_with_an_independent_reader(index):
    event = publish_event(
        index, title="Sprachcafé", start=at(date(2027, 3, 2), 18), end=at(date(2027, 3, 2), 20),
        repeat=Repeat.WEEKLY, repeat_count=4,
        exceptions=[
            {"date": date(2027, 3, 9), "cancelled": True, "note": "Ferien"},
            {"date": date(2027, 3, 16), "new_start": at(date(2027, 3, 17), 17), "new_end": at(date(2027, 3, 17), 19),
             "note": "Raum belegt"},
        ],
    )
    found = expand(event, *window(date(2027, 3, 1), date(2027, 4, 30)))
    assert [(item.start, item.date_cancelled, item.moved, item.note) for item in found] == [
        (at(date(2027, 3, 2), 18), False, False, ""),
        (at(date(2027, 3, 9), 18), True, False, "Ferien"),
        (at(date(2027, 3, 17), 17), False, True, "Raum belegt"),
        (at(date(2027, 3, 23), 18), False, False, ""),
    ]
    taking_place = expand(event, *window(date(2027, 3, 1), date(2027, 4, 30)), include_cancelled_dates=False)
    calendar = Calendar.from_ical(build_calendar([event], None, "Test").to_ical())
    expanded = recurring_ical_events.of(calendar).between(date(2027, 3, 1), date(2027, 5, 1))
    assert sorted(component["DTSTART"].dt for component in expanded) == [item.start for item in taking_place]


def test_editor_mistakes_are_explained_in_german(index):
    page = EventPage(
        title="Falsch", slug="falsch", start=at(date(2027, 1, 6), 9), end=at(date(2027, 1, 6), 10),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=WeekOfMonth.SECOND,
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=page)  # 6 January 2027 is the first Wednesday, not the second
    assert "Der Beginn ist kein Termin dieser Reihe" in str(error.value)


def test_all_day_event_covers_whole_days(index):
    event = publish_event(
        index, title="Fachtag", start=at(date(2027, 6, 10), 9), end=at(date(2027, 6, 11), 15), all_day=True,
    )
    assert event.start == start_of_day(date(2027, 6, 10))
    assert event.end == start_of_day(date(2027, 6, 12))
    [occurrence] = expand(event, *window(date(2027, 6, 1), date(2027, 6, 30)))
    assert (occurrence.day, occurrence.last_day) == (date(2027, 6, 10), date(2027, 6, 11))


def test_rules_have_one_spelling():
    assert normalise_rrule("RRULE:byday=TU;FREQ=WEEKLY;INTERVAL=2") == "FREQ=WEEKLY;BYDAY=TU;INTERVAL=2"
