"""Opening-hours logic: pure functions, Europe/Berlin, overnight intervals, exceptions and DST change days."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from orgdirectory.opening_hours import DatedHours, WeeklyHours, now_local, openings_starting_on, status_at

# The cases were written for Europe/Berlin (its clock changes on 2026-03-29 and 2026-10-25);
# the test host's own zone is America/New_York, so these tests set the project's zone first.
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def berlin_project(settings):
    settings.TIME_ZONE = "Europe/Berlin"

MONDAY, TUESDAY, SATURDAY, SUNDAY = 0, 1, 5, 6


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


OFFICE = [WeeklyHours(MONDAY, time(8), time(12)), WeeklyHours(MONDAY, time(14), time(16)), WeeklyHours(TUESDAY, time(8), time(12))]


def test_open_within_an_interval_and_closed_between_two():
    status = status_at(berlin(2026, 11, 23, 9, 30), OFFICE, [])  # a Monday
    assert status.is_open and status.closes_at == berlin(2026, 11, 23, 12)
    lunch = status_at(berlin(2026, 11, 23, 12, 0), OFFICE, [])
    assert not lunch.is_open and lunch.next_opening == berlin(2026, 11, 23, 14)


def test_closed_at_the_weekend_opens_on_monday():
    status = status_at(berlin(2026, 11, 28, 10), OFFICE, [])  # Saturday
    assert not status.is_open and status.next_opening == berlin(2026, 11, 30, 8)


def test_interval_across_midnight_is_open_after_midnight_on_the_next_day():
    night = [WeeklyHours(SATURDAY, time(22), time(2), closes_next_day=True)]
    assert status_at(berlin(2026, 11, 28, 23), night, []).is_open
    after_midnight = status_at(berlin(2026, 11, 29, 1, 30), night, [])  # Sunday 01:30
    assert after_midnight.is_open and after_midnight.closes_at == berlin(2026, 11, 29, 2)
    assert not status_at(berlin(2026, 11, 29, 2, 0), night, []).is_open
    assert not status_at(berlin(2026, 11, 28, 1, 0), night, []).is_open  # Saturday 01:00: Friday had no night


def test_closed_exception_replaces_the_weekly_hours():
    holiday = [DatedHours(date(2026, 11, 23), closed=True, note="Feiertag")]
    status = status_at(berlin(2026, 11, 23, 9), OFFICE, holiday)
    assert not status.is_open and status.next_opening == berlin(2026, 11, 24, 8)


def test_special_hours_exception_is_the_only_opening_of_that_day():
    special = [DatedHours(date(2026, 11, 23), closed=False, opens=time(10), closes=time(11))]
    assert not status_at(berlin(2026, 11, 23, 9), OFFICE, special).is_open
    assert status_at(berlin(2026, 11, 23, 10, 30), OFFICE, special).is_open
    assert not status_at(berlin(2026, 11, 23, 15), OFFICE, special).is_open


def test_exception_on_the_next_day_does_not_cut_an_overnight_interval():
    night = [WeeklyHours(SATURDAY, time(22), time(2), closes_next_day=True)]
    sunday_closed = [DatedHours(date(2026, 11, 29), closed=True)]
    assert status_at(berlin(2026, 11, 29, 1), night, sunday_closed).is_open


def test_spring_forward_night_is_one_hour_shorter():
    """2026-03-29: clocks jump from 02:00 to 03:00. 22:00–06:00 lasts 7 real hours."""
    night = [WeeklyHours(SATURDAY, time(22), time(6), closes_next_day=True)]
    (opening,) = openings_starting_on(date(2026, 3, 28), night, [])
    assert (opening.end.astimezone(UTC) - opening.start.astimezone(UTC)).total_seconds() == 7 * 3600
    # 00:59 UTC is 01:59 CET and 01:00 UTC is 03:00 CEST: open on both sides of the jump.
    assert status_at(datetime(2026, 3, 29, 0, 59, tzinfo=UTC), night, []).is_open
    assert status_at(datetime(2026, 3, 29, 1, 0, tzinfo=UTC), night, []).is_open
    assert not status_at(datetime(2026, 3, 29, 4, 0, tzinfo=UTC), night, []).is_open  # 06:00 CEST


def test_opening_time_inside_the_spring_gap_moves_forward_by_the_gap():
    """02:30 does not exist on 2026-03-29; like java.time and dateutil, it becomes 03:30 CEST."""
    gap = [WeeklyHours(SUNDAY, time(2, 30), time(5))]
    (opening,) = openings_starting_on(date(2026, 3, 29), gap, [])
    assert opening.start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert not status_at(datetime(2026, 3, 29, 1, 15, tzinfo=UTC), gap, []).is_open  # 03:15 CEST
    assert status_at(datetime(2026, 3, 29, 1, 45, tzinfo=UTC), gap, []).is_open  # 03:45 CEST


def test_fall_back_night_is_one_hour_longer():
    """2026-10-25: clocks go back from 03:00 to 02:00. 22:00–06:00 lasts 9 real hours."""
    night = [WeeklyHours(SATURDAY, time(22), time(6), closes_next_day=True)]
    (opening,) = openings_starting_on(date(2026, 10, 24), night, [])
    assert (opening.end.astimezone(UTC) - opening.start.astimezone(UTC)).total_seconds() == 9 * 3600
    # Both 02:30 (CEST, 00:30 UTC) and the repeated 02:30 (CET, 01:30 UTC) are within the opening.
    assert status_at(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), night, []).is_open
    assert status_at(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), night, []).is_open
    assert not status_at(datetime(2026, 10, 25, 5, 0, tzinfo=UTC), night, []).is_open  # 06:00 CET


def test_fall_back_day_office_hours_are_local_time():
    sunday = [WeeklyHours(SUNDAY, time(8), time(12))]
    status = status_at(datetime(2026, 10, 25, 7, 30, tzinfo=UTC), sunday, [])  # 08:30 CET
    assert status.is_open and status.closes_at.astimezone(UTC) == datetime(2026, 10, 25, 11, 0, tzinfo=UTC)


def test_no_hours_means_never_open():
    status = status_at(berlin(2026, 11, 23, 9), [], [])
    assert not status.is_open and status.next_opening is None


def test_is_open_at_agrees_with_status_at_around_the_clock():
    from orgdirectory.opening_hours import is_open_at

    night = OFFICE + [WeeklyHours(SATURDAY, time(22), time(2), closes_next_day=True)]
    holiday = [DatedHours(date(2026, 11, 24), closed=True)]
    for hour in range(0, 24 * 8):
        moment = berlin(2026, 11, 22) + timedelta(hours=hour)
        assert is_open_at(moment, night, holiday) == status_at(moment, night, holiday).is_open


def test_hours_are_wall_clock_times_in_the_projects_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    new_york = ZoneInfo("America/New_York")
    status = status_at(datetime(2026, 11, 23, 14, 30, tzinfo=UTC), OFFICE, [])  # 09:30 in New York, a Monday
    assert status.is_open and status.closes_at == datetime(2026, 11, 23, 12, tzinfo=new_york)
    assert now_local().tzinfo == new_york
