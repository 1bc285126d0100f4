"""Feeds and single-event files, read back with independent parsers (icalendar, recurring-ical-events)."""

from datetime import date, timedelta

import pytest
import recurring_ical_events
from django.test import override_settings
from icalendar import Calendar
from wagtail.models import Page

from events.models import EventIndexPage
from events.recurrence import Repeat
from events.tests.support import at, publish, publish_event

pytestmark = pytest.mark.django_db


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def masters(calendar):
    return [component for component in calendar.walk("VEVENT") if component.get("RECURRENCE-ID") is None]


@pytest.fixture
def series(index):
    # US summer time starts on Sunday 14 March 2027: the Tuesday meeting stays at 18:00 local time.
    return publish_event(
        index, title="Sprachcafé", start=at(date(2027, 3, 2), 18), end=at(date(2027, 3, 2), 20),
        repeat=Repeat.WEEKLY, repeat_count=4,
        exceptions=[{"date": date(2027, 3, 16), "cancelled": True, "note": "Ferien"}],
    )


def test_feed_uses_the_sites_time_zone_and_expands_like_an_independent_reader(client, calendar, series):
    feed = get_calendar(client, calendar.url + "feed.ics")
    assert str(feed["X-WR-TIMEZONE"]) == "America/New_York"
    assert [str(zone["TZID"]) for zone in feed.walk("VTIMEZONE")] == ["America/New_York"]
    dates = recurring_ical_events.of(feed).between(date(2027, 3, 1), date(2027, 4, 1))
    starts = sorted(component["DTSTART"].dt for component in dates)
    assert [(start.date(), start.hour) for start in starts] == [
        (date(2027, 3, 2), 18), (date(2027, 3, 9), 18), (date(2027, 3, 23), 18)
    ]
    assert [start.utcoffset() for start in starts] == [timedelta(hours=-5), timedelta(hours=-5), timedelta(hours=-4)]


def test_uid_domain_is_the_sites_hostname_unless_configured(client, calendar, series):
    [event] = masters(get_calendar(client, calendar.url + "feed.ics"))
    assert str(event["UID"]) == f"{series.translation_key}@localhost"
    with override_settings(EVENTS_UID_DOMAIN="calendar.example.org"):
        [event] = masters(get_calendar(client, series.url + "termin.ics"))
    assert str(event["UID"]) == f"{series.translation_key}@calendar.example.org"


def test_single_event_download_is_an_attachment(client, index):
    event = publish_event(index, title="Jobmesse", start=at(date(2027, 5, 4), 10), end=at(date(2027, 5, 4), 16))
    response = client.get(event.url + "termin.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    [component] = masters(Calendar.from_ical(response.content))
    assert str(component["SUMMARY"]) == "Jobmesse"
    assert component["DTSTART"].dt == at(date(2027, 5, 4), 10)


def test_index_feed_holds_only_its_own_events(client, home, index, calendar):
    other_group = publish(home, Page(title="Arbeitskreis Süd", slug="sued"))
    other_index = publish(other_group, EventIndexPage(title="Termine", slug="termine"))
    publish_event(index, title="Nord-Treffen", start=at(date(2027, 6, 1), 18), end=at(date(2027, 6, 1), 19))
    publish_event(other_index, title="Süd-Treffen", start=at(date(2027, 6, 2), 18), end=at(date(2027, 6, 2), 19))
    feed = get_calendar(client, index.url + "feed.ics")
    assert [str(item["SUMMARY"]) for item in masters(feed)] == ["Nord-Treffen"]
    assert str(feed["X-WR-CALNAME"]) == "Arbeitskreis Nord: Veranstaltungen"
    whole = get_calendar(client, calendar.url + "feed.ics?arbeitskreis=sued")
    assert [str(item["SUMMARY"]) for item in masters(whole)] == ["Süd-Treffen"]


def test_unknown_ics_paths_are_not_found(client, calendar, group):
    assert client.get(group.url + "feed.ics").status_code == 404
    assert client.get(calendar.url + "termin.ics").status_code == 404
