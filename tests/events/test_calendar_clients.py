"""Feeds as calendar apps read them: ical.js (Thunderbird, web calendars) and icalendar + recurring-ical-events.

Both readers expand every event of the whole-calendar feed over next year and 2040 (each window spans
both changes of summer time); the UTC instants must equal those the events API gives.
"""

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
import recurring_ical_events
from django.core.cache import cache
from icalendar import Calendar

from events.feeds import event_uid
from events.models import EventPage
from events.recurrence import Repeat, WeekOfMonth
from events.timezone import calendar_timezone, local_now
from tests.events.support import SITE_UID_DOMAIN, at, publish_event, site_root
from tests.js_readers import ical_js_occurrences

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(index_loerrach):
    """Series without an end that run through summer and winter time for years (plus the demo's events)."""
    today = local_now().date()
    weekly = publish_event(
        index_loerrach, title="Test: Sprachcafé jede Woche", start=at(today + timedelta(days=1), 18),
        end=at(today + timedelta(days=1), 20), town="Lörrach", repeat=Repeat.WEEKLY,
    )
    # On the last Sunday: the days of the changes to and from summer time in March and October. (Not at
    # 02:30: that wall time does not exist in March and exists twice in October, where readers differ.)
    month_end = (today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    last_sunday = month_end - timedelta(days=(month_end.weekday() - 6) % 7)
    monthly = publish_event(
        index_loerrach, title="Test: Beratung am letzten Sonntag", start=at(last_sunday, 10),
        end=at(last_sunday, 12), town="Lörrach", repeat=Repeat.MONTHLY_WEEKDAY,
        repeat_week_of_month=WeekOfMonth.LAST,
    )
    summer = date(today.year + 1, 7, 15)
    once = publish_event(
        index_loerrach, title="Test: Sommerfest", start=at(summer, 15), end=at(summer, 22), town="Lörrach",
    )
    return weekly, monthly, once


def _utc(value):
    """An API start (ISO with offset) or an all-day date as the readers give it."""
    if len(value) == 10:
        return value
    return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local_day(start):
    if len(start) == 10:
        return date.fromisoformat(start)
    return datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(calendar_timezone()).date()


def _within(pairs, first, last):
    return {(uid, start) for uid, start in pairs if first <= _local_day(start) <= last}


def _from_api(client, first, last):
    response = client.get(f"/api/events/occurrences/?start={first}&end={last}")
    assert response.status_code == 200
    return {
        (item["uid"], item["start"][:10] if item["all_day"] else _utc(item["start"]))
        for item in json.loads(response.content)["occurrences"]
        if not item["date_cancelled"]  # sent as EXDATE: calendar apps drop the date
    }


def _from_recurring_ical_events(feed, first, last):
    calendar = Calendar.from_ical(feed)
    found = set()
    for component in recurring_ical_events.of(calendar).between(first - timedelta(days=1), last + timedelta(days=2)):
        start = component["DTSTART"].dt
        value = start.isoformat() if not isinstance(start, datetime) else start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        found.add((str(component["UID"]), value))
    return found


@pytest.mark.parametrize("years_ahead", [1, None], ids=["next-year", "2040"])
def test_calendar_apps_show_every_occurrence_at_the_right_instant(client, calendar_de, series, years_ahead):
    year = local_now().year + years_ahead if years_ahead else 2040
    first, last = date(year, 1, 1), date(year, 12, 31)
    feed = client.get(calendar_de.url + "feed.ics").content
    expected = _within(_from_api(client, first, last), first, last)
    window_start = datetime.combine(first - timedelta(days=1), time.min, tzinfo=UTC)
    window_end = datetime.combine(last + timedelta(days=2), time.min, tzinfo=UTC)
    ical_js = _within(ical_js_occurrences(feed, window_start, window_end), first, last)
    python = _within(_from_recurring_ical_events(feed, first, last), first, last)

    assert ical_js == expected
    assert python == expected
    # The weekly 18:00 series: 16:00 UTC in summer, 17:00 UTC in winter, every week of the year.
    weekly_uid = event_uid(series[0], SITE_UID_DOMAIN)
    weekly = sorted(start for uid, start in ical_js if uid == weekly_uid)
    assert len(weekly) >= 52
    summer = [start for start in weekly if f"{year}-07-01" <= start < f"{year}-08-01"]
    winter = [start for start in weekly if f"{year}-01-01" <= start < f"{year}-02-01"]
    assert summer and all(start.endswith("T16:00:00Z") for start in summer)
    assert winter and all(start.endswith("T17:00:00Z") for start in winter)
    assert len(expected) > 60


def test_the_feed_describes_summer_time_by_yearly_rules(client, calendar_de):
    calendar = Calendar.from_ical(client.get(calendar_de.url + "feed.ics").content)
    [timezone] = calendar.walk("VTIMEZONE")
    assert "RDATE" not in timezone.to_ical().decode()
    rules = {
        component.name: sorted(component["RRULE"].to_ical().decode().split(";")) for component in timezone.subcomponents
    }
    assert rules == {
        "STANDARD": ["BYDAY=-1SU", "BYMONTH=10", "FREQ=YEARLY"],
        "DAYLIGHT": ["BYDAY=-1SU", "BYMONTH=3", "FREQ=YEARLY"],
    }


@pytest.fixture(params=["without-page-cache", "with-page-cache"])
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = 600 if request.param == "with-page-cache" else 0
    cache.clear()
    yield request.param
    cache.clear()


@pytest.mark.parametrize("path", ["feed.ics", "termin.ics"])
def test_an_unchanged_calendar_answers_not_modified(client, calendar_de, index_loerrach, page_cache, path):
    event = EventPage.objects.child_of(index_loerrach).live().first()
    url = calendar_de.url + "feed.ics" if path == "feed.ics" else event.url + "termin.ics"
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    if page_cache == "with-page-cache":
        assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content  # byte-identical: nothing in it is "now"
    assert first["ETag"] and first["Last-Modified"]

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=gzipped["ETag"]).status_code == 304


def test_a_change_is_fetched_again(client, calendar_de, index_loerrach, page_cache, django_capture_on_commit_callbacks):
    url = calendar_de.url + "feed.ics"
    before = client.get(url)
    start = at(local_now().date() + timedelta(days=9), 18)
    with django_capture_on_commit_callbacks(execute=True):
        publish_event(index_loerrach, title="Test: neuer Termin", start=start, end=start + timedelta(hours=1), town="Lörrach")
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and b"Test: neuer Termin" in after.content


def test_removing_an_event_makes_the_feed_newer(client, calendar_de, index_loerrach, django_capture_on_commit_callbacks):
    url = calendar_de.url + "feed.ics"
    event = EventPage.objects.child_of(index_loerrach).live().first()
    before = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish(log_action=True)
    # A client that only remembers the date must not be told "not modified".
    after = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200
    assert after["Last-Modified"] != before["Last-Modified"]


def test_links_in_feeds_and_apis_are_the_configured_address(client, calendar_de, settings):
    """Not http://localhost/ (Wagtail's default site) but the address the site is served at."""
    root = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert site_root() == root
    feed = Calendar.from_ical(client.get(calendar_de.url + "feed.ics").content)
    urls = [str(component["URL"]) for component in feed.walk("VEVENT")]
    assert urls and all(url.startswith(root + "/de/") for url in urls)
    occurrences = client.get("/api/events/occurrences/").json()["occurrences"]
    assert occurrences and all(item["url"].startswith(root + "/de/") for item in occurrences)
    organisations = client.get("/api/v2/organisations/?locale=ar&limit=5").json()["items"]
    assert organisations and all(item["url"].startswith(root + "/ar/") for item in organisations)
