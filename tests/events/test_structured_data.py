"""schema.org Event markup on event pages, read from the HTML with BeautifulSoup and expanded with pyld
against schema.org's terms; the fields Google's event rich results require are present."""

import json
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from events.models import EventPage
from events.recurrence import Repeat
from events.timezone import local_now
from tests.events.support import at, publish_event
from tests.schemaorg import expand, problems

pytestmark = pytest.mark.django_db

OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
S = "http://schema.org/"


def json_ld(client, page):
    html = client.get(page.url).content.decode()
    scripts = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    return data if isinstance(data, list) else [data]


def value(node, name):
    return node[S + name][0].get("@value", node[S + name][0].get("@id"))


def checked(items):
    expanded = expand(items)
    assert problems(expanded) == []
    for node in expanded:
        assert node["@type"] == [S + "Event"]
        assert value(node, "name")
        start = value(node, "startDate")
        assert OFFSET.match(start) or re.match(r"^\d{4}-\d{2}-\d{2}$", start)
        assert S + "location" in node and S + "eventStatus" in node
    return expanded


def test_every_demo_event_page_carries_valid_event_markup(client, german):
    pages = EventPage.objects.live().filter(locale=german)
    assert pages.count() >= 10
    for page in pages:
        for node in checked(json_ld(client, page)):
            locations = node[S + "location"]
            for location in locations:
                assert location["@type"][0] in (S + "Place", S + "VirtualLocation")
                if location["@type"][0] == S + "Place":
                    assert S + "address" in location


def test_a_place_an_organiser_a_price_and_the_language(client, index_loerrach):
    start = at(local_now().date() + timedelta(days=20), 18, 30)
    page = publish_event(
        index_loerrach, title="Test: Elterncafé", start=start, end=start + timedelta(hours=2), venue_name="Familienzentrum",
        venue_address="Teststraße 1", town="Lörrach", cost="kostenlos", organiser="Beispiel-Verein",
        languages=["ar", "tr"], latitude="47.614", longitude="7.664",
    )
    [item] = json_ld(client, page)
    [node] = checked([item])
    assert item["startDate"] == start.isoformat() and item["endDate"] == (start + timedelta(hours=2)).isoformat()
    assert item["eventStatus"] == "https://schema.org/EventScheduled"
    assert item["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert item["location"]["address"] == {"@type": "PostalAddress", "streetAddress": "Teststraße 1",
                                           "addressLocality": "Lörrach"}
    assert item["location"]["geo"]["latitude"] == 47.614
    assert item["organizer"]["name"] == "Beispiel-Verein" and item["organizer"]["url"].startswith("http")
    assert item["isAccessibleForFree"] is True and item["offers"]["price"] == "0"
    assert item["inLanguage"] == ["ar", "tr"]
    assert value(node, "isAccessibleForFree") is True


def test_online_cancelled_and_priced(client, index_loerrach):
    start = at(local_now().date() + timedelta(days=21), 10)
    page = publish_event(
        index_loerrach, title="Test: Online-Kurs", start=start, end=start + timedelta(hours=1), town="online",
        online_url="https://meet.example.org/kurs", cancelled=True, cost="5 € pro Abend",
    )
    [item] = json_ld(client, page)
    checked([item])
    assert item["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/kurs"}
    assert item["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert item["eventStatus"] == "https://schema.org/EventCancelled"
    assert item["offers"]["price"] == "5" and item["offers"]["priceCurrency"] == "EUR"
    assert item["isAccessibleForFree"] is False


def test_a_series_lists_its_dates_with_a_moved_and_a_cancelled_one(client, index_loerrach):
    first = local_now().date() + timedelta(days=3)
    moved, dropped = first + timedelta(days=7), first + timedelta(days=14)
    page = publish_event(
        index_loerrach, title="Test: Deutschkurs", start=at(first, 18), end=at(first, 20), town="Lörrach",
        venue_address="Teststraße 2", online_url="https://meet.example.org/kurs",
        repeat=Repeat.WEEKLY, repeat_count=4,
        exceptions=[{"date": moved, "new_start": at(moved + timedelta(days=1), 17), "new_end": at(moved + timedelta(days=1), 19)},
                    {"date": dropped, "cancelled": True}],
    )
    items = json_ld(client, page)
    checked(items)
    assert len(items) == 4
    by_start = {item["startDate"]: item for item in items}
    rescheduled = by_start[at(moved + timedelta(days=1), 17).isoformat()]
    assert rescheduled["eventStatus"] == "https://schema.org/EventRescheduled"
    assert rescheduled["previousStartDate"] == at(moved, 18).isoformat()
    assert by_start[at(dropped, 18).isoformat()]["eventStatus"] == "https://schema.org/EventCancelled"
    assert by_start[at(first, 18).isoformat()]["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {location["@type"] for location in items[0]["location"]} == {"Place", "VirtualLocation"}


def test_markup_cannot_break_out_of_its_script(client, index_loerrach):
    day = local_now().date() + timedelta(days=30)
    page = publish_event(index_loerrach, title="</script><script>alert(1)</script>", start=at(day, 18),
                         end=at(day, 19), town="Lörrach")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    [item] = json_ld(client, page)
    assert item["name"] == "</script><script>alert(1)</script>"


def test_the_checker_notices_what_schema_org_does_not_have():
    wrong = {"@context": "https://schema.org", "@type": "Event", "name": "x", "startTime": "2027-01-01",
             "eventStatus": "https://schema.org/EventMaybe", "location": {"@type": "Venue", "name": "y"}}
    found = " ".join(problems(expand(wrong)))
    assert "startTime" in found and "EventMaybe" in found and "Venue" in found
