"""The calendar page: list by day, month view, archive, filters, languages, and a bounded query count."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventPage
from events.recurrence import Repeat
from events.timezone import local_now
from tests.events.support import at, publish_event, site_root
from translations.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def titles(html):
    """Event titles in the list, without the "cancelled"/"moved" badges."""
    found = re.findall(r'class="event-item__title"><a [^>]*>(.*?)</a>', html, re.S)
    # Soft hyphens (long words on narrow screens) are not seen unless a line breaks there.
    return [re.sub(r"<[^>]+>", "", re.sub(r'<span class="event-badge.*?</span>', "", title)).replace("\u00ad", "").strip()
            for title in found]


def test_list_is_grouped_by_day_with_german_weekdays(client, calendar_de, index_loerrach):
    day = local_now().date() + timedelta(days=3)
    publish_event(index_loerrach, title="Testabend", start=at(day, 19), end=at(day, 21), town="Lörrach")
    html = client.get(calendar_de.url).content.decode()
    headings = re.findall(r'<h2 class="event-day__heading"><time datetime="([\d-]+)">([^<]+)</time>', html)
    assert [iso for iso, _text in headings] == sorted({iso for iso, _text in headings})  # one heading per day, in order
    assert len(headings) >= 5
    german_weekdays = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
    assert all(text.split(",")[0] in german_weekdays for _iso, text in headings)
    section = html.split(f'datetime="{day.isoformat()}"')[1].split("</section>")[0]
    assert "Testabend" in section and "19:00 – 21:00" in section


def test_past_events_move_to_the_archive(client, calendar_de, index_loerrach):
    past = local_now().date() - timedelta(days=5)
    publish_event(index_loerrach, title="Vergangener Abend", start=at(past, 18), end=at(past, 20), town="Lörrach")
    assert "Vergangener Abend" not in titles(client.get(calendar_de.url).content.decode())
    archive = client.get(calendar_de.url + "archiv/")
    assert archive.status_code == 200 and "Vergangener Abend" in titles(archive.content.decode())


def test_month_view_in_arabic_is_right_to_left_with_arabic_names(client, calendar_de):
    response = client.get("/ar" + calendar_de.url[3:] + "?ansicht=monat&monat=2026-12")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    assert "ديسمبر 2026" in html  # December 2026
    assert "الثلاثاء" in html  # Tuesday
    assert "December" not in html and "Dezember" not in html


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_month_and_list_answer_in_every_language(client, calendar_de, code):
    base = f"/{code}{calendar_de.url[3:]}"
    assert client.get(base).status_code == 200
    assert client.get(base + "?ansicht=monat").status_code == 200


def test_month_view_shows_every_date_of_a_series(client, calendar_de, index_loerrach):
    publish_event(
        index_loerrach, title="Monatstreffen", start=at(local_now().date().replace(year=2027, month=1, day=5), 9),
        end=at(local_now().date().replace(year=2027, month=1, day=5), 11), repeat=Repeat.MONTHLY_WEEKDAY,
        repeat_week_of_month=1, repeat_count=3, town="Lörrach",
    )
    html = client.get(calendar_de.url + "?ansicht=monat&monat=2027-02").content.decode()
    assert 'datetime="2027-02-02T09:00:00+01:00"' in html
    assert "Februar 2027" in html


def test_filters_narrow_the_list(client, calendar_de, index_loerrach):
    loerrach_index = EventPage.objects.child_of(index_loerrach)
    loerrach = titles(client.get(calendar_de.url + "?arbeitskreis=ak-migration-loerrach").content.decode())
    assert set(loerrach) == set(loerrach_index.values_list("title", flat=True))
    persian = titles(client.get(calendar_de.url + "?sprache=fa").content.decode())
    assert set(persian) == {"Beispiel: Offene Beratungsstunde alle zwei Wochen"}
    online = titles(client.get(calendar_de.url + "?ort=online").content.decode())
    assert set(online) == {"Beispiel: Fachtag Arbeitsmarktintegration", "Beispiel: Online-Sprechstunde Arbeit und Ausbildung"}
    fairs = client.get(calendar_de.url + "?kategorie=jobmesse").content.decode()
    assert titles(fairs) == ["Beispiel: Jobmesse für Zugewanderte"] * 2  # same day, one of them cancelled
    assert fairs.count("event-item event-item--cancelled") == 1
    # The chosen filter stays selected, and the subscribe link carries it.
    assert '<option value="jobmesse" selected>' in fairs
    assert re.search(r'href="webcal://[^/"]+/de/veranstaltungskalender/feed\.ics\?kategorie=jobmesse"', fairs)


def test_garbage_parameters_are_reported_not_a_server_error(client, calendar_de):
    response = client.get(calendar_de.url + "?arbeitskreis=%3Cscript%3E&kategorie=x&sprache=zz&ort=Mars&seite=abc&ansicht=monat&monat=2026-13")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Diesen Arbeitskreis gibt es nicht" in html and "Der Monat wurde nicht erkannt" in html
    assert "<script>" not in html
    assert client.get(calendar_de.url + "?seite=99999").status_code == 200


def test_list_is_paginated(client, calendar_de):
    first = client.get(calendar_de.url).content.decode()
    assert 'rel="next"' in first
    second = client.get(calendar_de.url + "?seite=2").content.decode()
    assert titles(second) and "Seite 2 von" in second


def test_subscribe_box_explains_iphone_and_android(client, calendar_de):
    html = client.get(calendar_de.url).content.decode()
    assert re.search(r'href="webcal://[^/"]+/de/veranstaltungskalender/feed\.ics"', html)
    assert re.search(r'value="http://[^/"]+/de/veranstaltungskalender/feed\.ics"', html)
    assert "iPhone" in html and "Android" in html


def test_working_group_index_lists_its_events_and_feed(client, index_loerrach):
    html = client.get(index_loerrach.url).content.decode()
    assert "Beispiel: Sprachcafé – Deutsch sprechen in entspannter Runde" in html
    assert "Beispiel: Offene Beratungsstunde" not in html
    assert re.search(f'webcal://[^/"]+{index_loerrach.url}feed\\.ics"', html)


def test_demo_events_are_marked_as_examples(german):
    events = EventPage.objects.filter(locale=german)
    assert events.count() >= 10
    assert all(page.title.startswith("Beispiel:") and "Beispielinhalt" in page.description for page in events)
    assert events.filter(cancelled=True).count() == 1
    assert events.exclude(rrule="").count() >= 5


def test_api_returns_occurrences_with_filters(client):
    today = local_now().date()
    data = json.loads(client.get(f"/api/events/occurrences/?start={today}&end={today + timedelta(days=60)}&sprache=fa&lang=ar").content)
    assert data["count"] > 0 and data["language"] == "ar"
    german_title = "Beispiel: Offene Beratungsstunde alle zwei Wochen"
    arabic_title = EventPage.objects.get(locale__language_code="ar", translation_key=EventPage.objects.get(
        locale__language_code="de", title=german_title).translation_key).title
    assert arabic_title != german_title  # the demo event is translated, and the API speaks the requested language
    assert {item["title"] for item in data["occurrences"]} == {arabic_title}
    assert all(item["url"].startswith(site_root() + "/ar/") for item in data["occurrences"])
    assert data["occurrences"][0]["working_group"]["slug"] == "ak-migration-waldshut"


@pytest.mark.parametrize(
    ("query", "message"),
    [("start=gestern", "JJJJ-MM-TT"), ("start=2027-02-01&end=2027-01-01", "vor dem Anfang"),
     ("start=2027-01-01&end=2029-01-01", "366 Tage"), ("lang=xx", "Unbekannte Sprache")],
)
def test_api_explains_bad_requests_in_german(client, query, message):
    response = client.get(f"/api/events/occurrences/?{query}")
    assert response.status_code == 400 and message in json.loads(response.content)["error"]


def _count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_events(client, calendar_de, index_loerrach, index_waldshut,
                                                              django_assert_max_num_queries):
    today = local_now().date()
    # The month shown has a single event and a series with an exception before and after, even on a month's last
    # day: "more" is compared with "some", not with none.
    publish_event(index_loerrach, title="Erster", start=at(today, 12), end=at(today, 13), town="Lörrach", languages=["de"])
    publish_event(index_waldshut, title="Erste Reihe", start=at(today, 9), end=at(today, 10), repeat=Repeat.WEEKLY,
                  town="Lörrach", languages=["de"], exceptions=[{"date": today + timedelta(days=7), "cancelled": True}])
    urls = [
        calendar_de.url,
        calendar_de.url + f"?ansicht=monat&monat={today:%Y-%m}",
        calendar_de.url + "feed.ics",
        f"/api/events/occurrences/?start={today}&end={today + timedelta(days=60)}",
        calendar_de.url + "?arbeitskreis=ak-migration-loerrach&sprache=de",
    ]
    # A series in each group from today on, before counting: the month view then already reads every kind of
    # row (series, exceptions, both groups' URLs) and the comparison does not depend on the day of the month.
    for index in (index_loerrach, index_waldshut):
        publish_event(index, title="Vorher", start=at(today, 10), end=at(today, 11), repeat=Repeat.WEEKLY,
                      town="Lörrach", languages=["de"], exceptions=[{"date": today + timedelta(days=7), "cancelled": True}])
    before = [_count_queries(client, url) for url in urls]
    for number in range(30):
        day = today + timedelta(days=number % 20 + 1)
        publish_event(
            index_loerrach if number % 2 else index_waldshut, title=f"Last {number}", start=at(day, 10), end=at(day, 11),
            repeat=Repeat.WEEKLY if number % 5 == 0 else "", town="Lörrach", languages=["de"],
            exceptions=[{"date": day + timedelta(days=7), "cancelled": True}] if number % 5 == 0 else [],
        )
    after = [_count_queries(client, url) for url in urls]
    assert after == before
    for url in urls:
        with django_assert_max_num_queries(25):  # the page frame (menu, languages, footer) included
            client.get(url)


def test_month_view_tells_apart_two_events_with_the_same_time_and_title(client, calendar_de, index_loerrach, index_waldshut):
    day = local_now().date().replace(year=2027, month=3, day=10)
    for index, town in ((index_loerrach, "Lörrach"), (index_waldshut, "Waldshut-Tiengen")):
        publish_event(index, title="Gleicher Abend", start=at(day, 18), end=at(day, 20), town=town)
    publish_event(index_loerrach, title="Einzelner Abend", start=at(day, 20), end=at(day, 21), town="Lörrach")
    html = client.get(calendar_de.url + "?ansicht=monat&monat=2027-03").content.decode()
    same = re.findall(r"Gleicher Abend</a>(.*?)</li>", html, re.S)
    assert len(same) == 2 and all("event-month__where" in entry for entry in same)
    assert any("Lörrach" in entry for entry in same) and any("Waldshut-Tiengen" in entry for entry in same)
    assert any("Arbeitskreis Migration des Landkreises Waldshut" in entry for entry in same)
    single = re.search(r"Einzelner Abend</a>(.*?)</li>", html, re.S).group(1)
    assert "event-month__where" not in single
