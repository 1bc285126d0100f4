"""Recurrence: RRULEs from the editor's choices, expanded by dateutil in Berlin wall-clock time."""

from datetime import date, timedelta

import pytest
import recurring_ical_events
from django.core.exceptions import ValidationError
from icalendar import Calendar

from events.feeds import build_calendar
from events.models import EventPage
from events.occurrences import expand
from events.recurrence import Repeat, WeekOfMonth
from events.timezone import start_of_day
from tests.events.support import at, publish_event

pytestmark = pytest.mark.django_db


def window(first, last):
    return start_of_day(first), start_of_day(last + timedelta(days=1))


def test_weekly_series_keeps_its_wall_clock_time_across_the_spring_change(index_loerrach):
    # Summer time starts on Sunday 28 March 2027.
    event = publish_event(
        index_loerrach, title="Sprachcafé", start=at(date(2027, 3, 16), 18), end=at(date(2027, 3, 16), 20),
        repeat=Repeat.WEEKLY, repeat_count=4,
    )
    found = expand(event, *window(date(2027, 3, 1), date(2027, 4, 30)))
    assert [item.start.date() for item in found] == [date(2027, 3, 16), date(2027, 3, 23), date(2027, 3, 30), date(2027, 4, 6)]
    assert {item.start.hour for item in found} == {18}
    assert {item.end.hour for item in found} == {20}
    assert [item.start.utcoffset().total_seconds() / 3600 for item in found] == [1, 1, 2, 2]
    assert event.last_end == at(date(2027, 4, 6), 20)


def test_sunday_series_on_the_autumn_change_weekend(index_loerrach):
    # Winter time starts on Sunday 31 October 2027 at 03:00; a Sunday-morning meeting stays at 10:00.
    event = publish_event(
        index_loerrach, title="Treffen", start=at(date(2027, 10, 24), 10), end=at(date(2027, 10, 24), 12),
        repeat=Repeat.WEEKLY,
    )
    found = expand(event, *window(date(2027, 10, 20), date(2027, 11, 10)))
    assert [(item.start.date(), item.start.hour, item.end.hour) for item in found] == [
        (date(2027, 10, 24), 10, 12), (date(2027, 10, 31), 10, 12), (date(2027, 11, 7), 10, 12)
    ]
    assert found[0].start.utcoffset() == timedelta(hours=2)
    assert found[1].start.utcoffset() == timedelta(hours=1)
    assert event.last_end is None  # no end: expanded only inside each requested window


def test_every_first_tuesday(index_loerrach):
    event = publish_event(
        index_loerrach, title="Beratung", start=at(date(2027, 1, 5), 9), end=at(date(2027, 1, 5), 11),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=WeekOfMonth.FIRST, repeat_count=5,
    )
    assert event.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=5"
    found = expand(event, *window(date(2027, 1, 1), date(2027, 12, 31)))
    assert [item.start.date() for item in found] == [
        date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2), date(2027, 4, 6), date(2027, 5, 4)
    ]


def test_every_last_friday_until_a_date(index_loerrach):
    event = publish_event(
        index_loerrach, title="Netzwerk", start=at(date(2027, 1, 29), 14), end=at(date(2027, 1, 29), 16),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=WeekOfMonth.LAST, repeat_until=date(2027, 4, 30),
    )
    found = expand(event, *window(date(2027, 1, 1), date(2027, 12, 31)))
    assert [item.start.date() for item in found] == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26), date(2027, 4, 30)]


def test_every_two_weeks(index_loerrach):
    event = publish_event(
        index_loerrach, title="Sprechstunde", start=at(date(2027, 2, 4), 10), end=at(date(2027, 2, 4), 12),
        repeat=Repeat.WEEKLY, repeat_interval=2, repeat_until=date(2027, 3, 18),
    )
    found = expand(event, *window(date(2027, 1, 1), date(2027, 12, 31)))
    assert [item.start.date() for item in found] == [date(2027, 2, 4), date(2027, 2, 18), date(2027, 3, 4), date(2027, 3, 18)]


def test_cancelled_and_moved_dates(index_loerrach):
    event = publish_event(
        index_loerrach, title="Sprachcafé", start=at(date(2027, 3, 16), 18), end=at(date(2027, 3, 16), 20),
        repeat=Repeat.WEEKLY, repeat_count=4,
        exceptions=[
            {"date": date(2027, 3, 23), "cancelled": True, "note": "Ferien"},
            {"date": date(2027, 3, 30), "new_start": at(date(2027, 3, 31), 17), "new_end": at(date(2027, 3, 31), 19),
             "note": "Raum belegt"},
        ],
    )
    found = expand(event, *window(date(2027, 3, 1), date(2027, 4, 30)))
    assert [(item.start, item.date_cancelled, item.moved, item.note) for item in found] == [
        (at(date(2027, 3, 16), 18), False, False, ""),
        (at(date(2027, 3, 23), 18), True, False, "Ferien"),
        (at(date(2027, 3, 31), 17), False, True, "Raum belegt"),
        (at(date(2027, 4, 6), 18), False, False, ""),
    ]
    taking_place = expand(event, *window(date(2027, 3, 1), date(2027, 4, 30)), include_cancelled_dates=False)
    assert date(2027, 3, 23) not in [item.start.date() for item in taking_place]

    # An independent reader of the exported feed sees the same dates.
    calendar = Calendar.from_ical(build_calendar([event], None, "Test").to_ical())
    expanded = recurring_ical_events.of(calendar).between(date(2027, 3, 1), date(2027, 5, 1))
    assert sorted(component["DTSTART"].dt for component in expanded) == [item.start for item in taking_place]


def test_a_moved_date_shows_in_the_window_it_moved_into(index_loerrach):
    event = publish_event(
        index_loerrach, title="Treffen", start=at(date(2027, 5, 3), 18), end=at(date(2027, 5, 3), 19),
        repeat=Repeat.WEEKLY, repeat_count=3,
        exceptions=[{"date": date(2027, 5, 17), "new_start": at(date(2027, 6, 1), 18), "new_end": at(date(2027, 6, 1), 19)}],
    )
    found = expand(event, *window(date(2027, 6, 1), date(2027, 6, 30)))
    assert [item.start for item in found] == [at(date(2027, 6, 1), 18)]


def test_editor_mistakes_are_explained_in_german(index_loerrach):
    page = EventPage(
        title="Falsch", slug="falsch", start=at(date(2027, 1, 6), 9), end=at(date(2027, 1, 6), 10),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=WeekOfMonth.SECOND,
    )
    with pytest.raises(ValidationError) as error:
        index_loerrach.add_child(instance=page)  # 6 January 2027 is the first Wednesday, not the second
    assert "Der Beginn ist kein Termin dieser Reihe" in str(error.value)


def test_an_invalid_imported_rule_is_refused(index_loerrach):
    page = EventPage(
        title="Kaputt", slug="kaputt", start=at(date(2027, 1, 6), 9), end=at(date(2027, 1, 6), 10),
        repeat=Repeat.IMPORTED, rrule="FREQ=SOMETIMES",
    )
    with pytest.raises(ValidationError) as error:
        index_loerrach.add_child(instance=page)
    assert "Wiederholungsregel ist ungültig" in str(error.value)


def test_all_day_event_covers_whole_days(index_loerrach):
    event = publish_event(
        index_loerrach, title="Fachtag", start=at(date(2027, 6, 10), 9), end=at(date(2027, 6, 11), 15), all_day=True,
    )
    assert event.start == start_of_day(date(2027, 6, 10))
    assert event.end == start_of_day(date(2027, 6, 12))
    [occurrence] = expand(event, *window(date(2027, 6, 1), date(2027, 6, 30)))
    assert (occurrence.day, occurrence.last_day) == (date(2027, 6, 10), date(2027, 6, 11))
