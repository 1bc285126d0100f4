"""The week view: "this week" is Monday to Sunday of the current week in the calendar's time zone."""

from datetime import date, datetime

import pytest
import time_machine

from events.tests.support import at, publish_event
from events.timezone import calendar_timezone

pytestmark = pytest.mark.django_db

# Wednesday, 9 December 2026, 10:00 in the calendar's time zone: the week runs from Monday 7 to Sunday 13 December.
WEDNESDAY = datetime(2026, 12, 9, 10, 0, tzinfo=calendar_timezone())


def titles(html, names):
    return {name for name in names if name in html}


@pytest.fixture
def week_of_events(index):
    events = {
        "Sonntag davor": (date(2026, 12, 6), 20),
        "Montag früh": (date(2026, 12, 7), 8),  # earlier this week: still this week's event
        "Sonntag Abend": (date(2026, 12, 13), 21),
        "Montag danach": (date(2026, 12, 14), 9),
    }
    for title, (day, hour) in events.items():
        publish_event(index, title=title, start=at(day, hour), end=at(day, hour + 1))
    return list(events)


def test_this_week_lists_monday_to_sunday_of_the_current_week(client, calendar, week_of_events):
    with time_machine.travel(WEDNESDAY, tick=False):
        html = client.get(calendar.url + "?ansicht=woche").content.decode()
    assert titles(html, week_of_events) == {"Montag früh", "Sonntag Abend"}
    assert "Woche vom 7. Dezember 2026 bis 13. Dezember 2026" in html
    assert 'href="?ansicht=woche&amp;woche=2026-W49"' in html  # "Woche" is the current view
    assert 'rel="next" href="?ansicht=woche&amp;woche=2026-W51"' in html


def test_another_week_by_its_iso_number_and_the_filters_are_kept(client, calendar, week_of_events):
    with time_machine.travel(WEDNESDAY, tick=False):
        html = client.get(calendar.url + "?ansicht=woche&woche=2026-W51&arbeitskreis=nord").content.decode()
    assert titles(html, week_of_events) == {"Montag danach"}
    assert 'rel="prev" href="?ansicht=woche&amp;woche=2026-W50&amp;arbeitskreis=nord"' in html
    assert '<input type="hidden" name="woche" value="2026-W51">' in html


def test_an_unknown_week_shows_the_current_one_with_a_notice(client, calendar, week_of_events):
    with time_machine.travel(WEDNESDAY, tick=False):
        response = client.get(calendar.url + "?ansicht=woche&woche=2026-W77")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die Woche wurde nicht erkannt. Es wird die aktuelle Woche gezeigt." in html
    assert titles(html, week_of_events) == {"Montag früh", "Sonntag Abend"}


def test_the_list_links_to_the_current_week(client, calendar, week_of_events):
    with time_machine.travel(WEDNESDAY, tick=False):
        html = client.get(calendar.url).content.decode()
    assert 'href="?ansicht=woche&amp;woche=2026-W50"' in html
