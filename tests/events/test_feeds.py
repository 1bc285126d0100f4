"""iCalendar feeds: valid RFC 5545 read by two independent libraries, SEQUENCE, cancellations."""

import json
from datetime import date, timedelta

import pytest
import recurring_ical_events
from icalendar import Calendar
from wagtail.models import Revision

from events.feeds import event_uid
from events.models import EventPage
from events.recurrence import Repeat
from events.timezone import local_now
from tests.events.support import SITE_UID_DOMAIN, at, publish_event, republish, site_root

pytestmark = pytest.mark.django_db


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    found = {}
    for component in calendar.walk("VEVENT"):
        if component.get("RECURRENCE-ID") is None:
            found[str(component["UID"])] = component
    return found


def test_whole_feed_is_valid_rfc5545(client, calendar_de):
    calendar = get_feed(client, calendar_de.url + "feed.ics")
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Berlin"
    vevents = calendar.walk("VEVENT")
    assert len(vevents) >= 10  # the demo events of three working groups
    for component in vevents:
        for name in ("UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "URL", "STATUS"):
            assert component.get(name) is not None, name
        assert str(component["URL"]).startswith(site_root() + "/de/")
        if not component["DTSTART"].params.get("VALUE") == "DATE":
            assert component["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert any(component.get("RRULE") for component in vevents)
    assert any(component.get("EXDATE") for component in vevents)
    assert any(component.get("RECURRENCE-ID") for component in vevents)


def test_feed_occurrences_equal_the_calendar_page(client, calendar_de):
    """recurring-ical-events, a second reader, expands the feed to the dates the page and API show."""
    today = local_now().date()
    first, last = today, today + timedelta(days=70)
    calendar = get_feed(client, calendar_de.url + "feed.ics")
    from_feed = {
        (str(component["UID"]), component["DTSTART"].dt.isoformat() if hasattr(component["DTSTART"].dt, "hour")
         else component["DTSTART"].dt.isoformat())
        for component in recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    }
    api = json.loads(client.get(f"/api/events/occurrences/?start={first}&end={last}").content)
    from_api = set()
    for item in api["occurrences"]:
        if item["date_cancelled"]:
            continue  # sent as EXDATE: a subscriber's calendar drops the date, the page marks it
        start = item["start"][:10] if item["all_day"] else item["start"]
        from_api.add((item["uid"], start))
    assert from_feed == from_api
    assert len(from_api) > 10

    # The month view shows the same starts.
    month_html = client.get(calendar_de.url + f"?ansicht=monat&monat={today:%Y-%m}").content.decode()
    for item in api["occurrences"]:
        if item["start"][:7] == f"{today:%Y-%m}" and not item["all_day"]:
            assert f'datetime="{item["start"]}"' in month_html


def test_sequence_rises_when_an_event_changes(client, index_loerrach, calendar_de):
    event = EventPage.objects.child_of(index_loerrach).get(slug="beispiel-infoabend-anerkennung")
    uid = event_uid(event, SITE_UID_DOMAIN)
    start = event.start
    assert int(events_by_uid(get_feed(client, calendar_de.url + "feed.ics"))[uid]["SEQUENCE"]) == 0
    arabic_sequence_before = int(events_by_uid(get_feed(client, "/ar" + calendar_de.url[3:] + "feed.ics"))[uid]["SEQUENCE"])

    event = republish(event, start=start + timedelta(hours=1), end=start + timedelta(hours=3))
    component = events_by_uid(get_feed(client, calendar_de.url + "feed.ics"))[uid]
    assert int(component["SEQUENCE"]) == 1
    assert component["DTSTART"].dt == start + timedelta(hours=1)

    # Publishing again without a change keeps the number; a change of title raises it again.
    event = republish(event)
    assert event.sequence == 1
    event = republish(event, title="Beispiel: Infoabend (neuer Titel)")
    assert event.sequence == 2
    # Every language follows at once, so subscribers in Arabic are told as well.
    arabic = events_by_uid(get_feed(client, "/ar" + calendar_de.url[3:] + "feed.ics"))[uid]
    assert arabic["DTSTART"].dt == start + timedelta(hours=1)
    assert int(arabic["SEQUENCE"]) > arabic_sequence_before


def test_an_older_draft_cannot_lower_the_sequence(index_loerrach):
    event = EventPage.objects.child_of(index_loerrach).get(slug="beispiel-jobmesse")
    old_draft = event.save_revision()
    event = republish(event, title="Beispiel: Jobmesse (verschoben)")
    assert event.sequence == 1
    Revision.objects.get(pk=old_draft.pk).publish()  # as an editor would, from the revision history
    assert EventPage.objects.get(pk=event.pk).sequence == 2


def test_cancelled_event_is_sent_as_cancelled_and_stays_visible(client, index_loerrach, calendar_de):
    start = at(local_now().date() + timedelta(days=12), 18)
    event = publish_event(
        index_loerrach, title="Jobmesse Test", start=start, end=start + timedelta(hours=2), town="Lörrach",
        cancelled=True, cancellation_note="Wegen Krankheit abgesagt.",
    )
    component = events_by_uid(get_feed(client, calendar_de.url + "feed.ics"))[event_uid(event, SITE_UID_DOMAIN)]
    assert str(component["STATUS"]) == "CANCELLED"
    assert str(component["SUMMARY"]) == "Abgesagt: Jobmesse Test"
    html = client.get(calendar_de.url).content.decode()
    item = html.split("Jobmesse Test")[0].rsplit('<li class="event-item', 1)[1]
    assert "event-item--cancelled" in item and "Abgesagt" in item
    detail = client.get(event.url).content.decode()
    assert "Diese Veranstaltung ist abgesagt." in detail and "Wegen Krankheit abgesagt." in detail


def test_working_group_feed_holds_only_that_group(client, index_loerrach, index_waldshut, calendar_de):
    loerrach = events_by_uid(get_feed(client, index_loerrach.url + "feed.ics"))
    waldshut_uids = {event_uid(page, SITE_UID_DOMAIN) for page in EventPage.objects.child_of(index_waldshut)}
    loerrach_uids = {event_uid(page, SITE_UID_DOMAIN) for page in EventPage.objects.child_of(index_loerrach)}
    assert set(loerrach) == loerrach_uids and not set(loerrach) & waldshut_uids
    by_param = events_by_uid(get_feed(client, calendar_de.url + "feed.ics?arbeitskreis=ak-migration-waldshut"))
    assert set(by_param) == waldshut_uids


def test_feed_filters_by_language_and_town(client, calendar_de):
    persian = events_by_uid(get_feed(client, calendar_de.url + "feed.ics?sprache=fa"))
    assert persian and all("fa" in EventPage.objects.get(locale__language_code="de", translation_key=uid.split("@")[0]).languages
                           for uid in persian)
    online = events_by_uid(get_feed(client, calendar_de.url + "feed.ics?ort=online"))
    assert online and all("online" in str(component.get("LOCATION", "")) for component in online.values())


def test_feed_speaks_the_language_of_its_url(client, calendar_de):
    calendar = get_feed(client, "/ar" + calendar_de.url[3:] + "feed.ics")
    urls = [str(component["URL"]) for component in calendar.walk("VEVENT")]
    assert urls and all(url.startswith(site_root() + "/ar/") for url in urls)


def test_event_page_offers_an_ics_download(client, index_loerrach):
    start = at(date(2027, 5, 4), 18)
    event = publish_event(
        index_loerrach, title="Sprachcafé Test", start=start, end=start + timedelta(hours=2), repeat=Repeat.WEEKLY,
        repeat_count=3, town="Lörrach", latitude="47.614900", longitude="7.664000", languages=["de", "ar"],
    )
    html = client.get(event.url).content.decode()
    assert f'href="{event.url}termin.ics"' in html
    assert 'href="geo:47.614900,7.664000"' in html and "openstreetmap.org/?mlat=47.614900" in html
    assert "Arabisch" in html
    response = client.get(event.url + "termin.ics")
    assert response["Content-Disposition"].startswith("attachment;")
    [component] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(component["RRULE"].to_ical().decode()) == "FREQ=WEEKLY;COUNT=3;INTERVAL=1;BYDAY=TU"
    assert component.get("GEO") is not None


def test_unknown_ics_paths_are_not_found(client, calendar_de, working_groups_de):
    assert client.get(working_groups_de["ak-migration-loerrach"].url + "feed.ics").status_code == 404
    assert client.get(calendar_de.url + "termin.ics").status_code == 404
    assert client.get("/de/gibt-es-nicht/feed.ics").status_code == 404


def test_uids_keep_the_sites_old_domain_so_subscribers_get_no_duplicates(client, index_loerrach, calendar_de):
    event = publish_event(index_loerrach, title="Beratung", start=at(local_now().date() + timedelta(days=2), 10),
                          end=at(local_now().date() + timedelta(days=2), 11))
    uids = set(events_by_uid(get_feed(client, calendar_de.url + "feed.ics")))
    assert f"{event.translation_key}@ak-migration-hochrhein" in uids
