"""The paginated list reads only what a page shows, and shows exactly what expanding every event shows."""

import random
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.filters import FilterOptions, read_filters
from events.page_views import ARCHIVE_SPAN, LIST_HORIZON
from events.recurrence import Repeat
from events.selection import filtered_occurrences, listed_occurrences
from events.timezone import calendar_timezone, local_now
from tests.events.support import at, publish_event

pytestmark = pytest.mark.django_db


def keys(items):
    return [(item.event.pk, item.start, item.cancelled, item.moved) for item in items]


@pytest.fixture
def mixed_events(index_loerrach, index_waldshut):
    """Single events (some at the same time), weekly and monthly series with cancelled and moved dates."""
    rng = random.Random(11)
    today = local_now().date()
    for number in range(14):
        start = at(today + timedelta(days=rng.randint(-60, 60)), rng.choice([10, 18]))
        publish_event(
            rng.choice([index_loerrach, index_waldshut]), title=f"Einzeltermin {number:02d}", start=start,
            end=start + timedelta(hours=2), languages=rng.sample(["de", "ar", "uk", "ti"], 2), town="Lörrach",
        )
    first = at(today - timedelta(days=30), 18)
    publish_event(
        index_loerrach, title="Sprachcafé", start=first, end=first + timedelta(hours=2), repeat=Repeat.WEEKLY,
        languages=["de", "ar"], town="Lörrach",
        exceptions=[
            {"date": (first + timedelta(days=35)).date(), "cancelled": True, "note": "Ferien"},
            {"date": (first + timedelta(days=42)).date(), "new_start": first + timedelta(days=43),
             "new_end": first + timedelta(days=43, hours=2)},
        ],
    )
    day = today - timedelta(days=90)
    monthly = at(day.replace(day=min(day.day, 28)), 10)
    publish_event(
        index_waldshut, title="Beratungstag", start=monthly, end=monthly + timedelta(hours=4),
        repeat=Repeat.MONTHLY_WEEKDAY, repeat_week_of_month=(monthly.day - 1) // 7 + 1, languages=["uk"],
        town="Waldshut-Tiengen",
    )


@pytest.mark.parametrize("language", ["", "ar", "uk"])
def test_every_page_of_the_list_matches_the_full_expansion(german, mixed_events, language):
    options = FilterOptions.for_locale(german)
    filters = read_filters({"sprache": language} if language else {}, options)
    now = local_now()
    expected = filtered_occurrences(german, filters, options, now, now + LIST_HORIZON)
    listed = listed_occurrences(german, filters, options, now, now + LIST_HORIZON)
    assert len(expected) > 7
    assert listed.count() == len(expected)
    pages = [item for start in range(0, len(expected), 7) for item in listed[start:start + 7]]
    assert keys(pages) == keys(expected)


def test_archive_lists_ended_occurrences_latest_first(german, mixed_events):
    options = FilterOptions.for_locale(german)
    filters = read_filters({}, options)
    now = local_now()
    expected = [item for item in reversed(filtered_occurrences(german, filters, options, now - ARCHIVE_SPAN, now))
                if item.end <= now]
    listed = listed_occurrences(german, filters, options, now - ARCHIVE_SPAN, now, newest_first=True, ended_by=now)
    assert len(expected) > 7
    assert keys(listed[0:len(expected)]) == keys(expected)
    assert [item.start for item in listed[0:5]] == sorted((item.start for item in listed[0:5]), reverse=True)


def test_a_page_reads_only_the_single_events_it_shows(german, mixed_events):
    options = FilterOptions.for_locale(german)
    filters = read_filters({}, options)
    now = local_now()
    listed = listed_occurrences(german, filters, options, now, now + LIST_HORIZON)
    with CaptureQueriesContext(connection) as captured:
        listed[0:3]
    assert len(captured) == 1
    assert captured.captured_queries[0]["sql"].rstrip().endswith("LIMIT 3")


@pytest.mark.parametrize("code", ["de", "ar", "ti"])
def test_month_view_links_are_the_event_pages_own_addresses(client, mixed_events, code):
    """The month view builds links from the event index's URL and the slug, without loading the pages."""
    from events.models import CalendarPage, EventPage

    calendar = CalendarPage.objects.get(locale__language_code=code)
    # A month with events in this language, whatever day the suite runs on (the demo is dated relative to it).
    upcoming = EventPage.objects.live().filter(locale__language_code=code, start__gte=local_now()).order_by("start")
    month = upcoming.first().start.astimezone(calendar_timezone()).strftime("%Y-%m")
    html = client.get(calendar.url + f"?ansicht=monat&monat={month}").content.decode()
    table = re.search(r'<table class="event-month">.*?</table>', html, re.S).group(0)
    links = set(re.findall(r'<a href="([^"]+)">', table))
    assert links
    own = {page.url for page in EventPage.objects.live().filter(locale__language_code=code)}
    assert links <= own
    for link in list(links)[:3]:
        assert client.get(link).status_code == 200
