"""The public pages in a plain host: rendered with the plugin's own base template, in the visitor's language."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings

from events.models import EventPage
from events.tests.support import at, publish_event, translate
from events.timezone import local_now

pytestmark = pytest.mark.django_db


def soon(days=3):
    return local_now().date() + timedelta(days=days)


def test_calendar_list_month_and_archive_answer_with_the_default_base_template(client, calendar, index):
    publish_event(index, title="Sprachcafé Nord", start=at(soon(), 18), end=at(soon(), 20))
    for url in (calendar.url, calendar.url + "?ansicht=monat", calendar.url + "archiv/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "events/base.html" in [template.name for template in response.templates]
        html = response.content.decode()
        assert '<html lang="de" dir="ltr">' in html
        assert 'href="#main"' in html
    assert "Sprachcafé Nord" in client.get(calendar.url).content.decode()


def test_event_and_index_pages_answer(client, calendar, index, group):
    event = publish_event(index, title="Infoabend", start=at(soon(), 19), end=at(soon(), 21), town="Nordstadt")
    page = client.get(event.url).content.decode()
    assert "Infoabend" in page and "Nordstadt" in page
    assert f'href="{group.url}"' in page  # the working group, found by the default hook (the index's parent)
    listing = client.get(index.url)
    assert listing.status_code == 200
    assert "Infoabend" in listing.content.decode()


def test_long_lists_are_paginated_with_the_plugins_own_include(client, calendar, index):
    for number in range(22):
        publish_event(index, title=f"Termin {number:02d}", start=at(soon(), 8), end=at(soon(), 9))
    first = client.get(calendar.url).content.decode()
    assert 'rel="next" href="?seite=2"' in first
    second = client.get(calendar.url + "?seite=2").content.decode()
    assert "Termin 21" in second and "Termin 00" not in second


def test_the_site_can_name_its_own_base_template(client, calendar):
    with override_settings(EVENTS_BASE_TEMPLATE="host/base.html"):
        response = client.get(calendar.url)
    assert response.status_code == 200
    assert 'class="host-frame page-calendar"' in response.content.decode()


def test_arabic_pages_are_right_to_left_and_translated(client, calendar, index, arabic):
    event = publish_event(index, title="Beratung", start=at(soon(), 10), end=at(soon(), 11))
    translate(event, arabic)
    arabic_calendar = translate(calendar, arabic)
    html = client.get(arabic_calendar.url).content.decode()
    assert arabic_calendar.url.startswith("/ar/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "Kalender abonnieren" not in html  # the plugin's own catalogue translates its strings
    assert "الاشتراك في التقويم" in html
    assert EventPage.objects.filter(locale=arabic).count() == 1


def test_times_are_shown_in_the_sites_time_zone(client, calendar, index):
    # 23:00 UTC on 12 January 2027 is 18:00 in New York (the test host's TIME_ZONE), midnight in Berlin.
    start = datetime(2027, 1, 12, 23, 0, tzinfo=UTC)
    event = publish_event(index, title="Abendtreffen", start=start, end=start + timedelta(hours=1))
    html = client.get(event.url).content.decode()
    assert "18:00" in html and "19:00" in html
    assert "12. Januar 2027" in html
