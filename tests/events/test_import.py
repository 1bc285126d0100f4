"""Import of partners' calendars: round trip, idempotent by UID, broken files change nothing."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from wagtail.models import Page

from events.importer import ImportFailed, import_calendar
from events.models import EventPage
from events.recurrence import Repeat
from tests.events.support import SITE_UID_DOMAIN, at, publish_event

pytestmark = pytest.mark.django_db


def as_partner(feed):
    """Our feed as a partner running the same software publishes it: UIDs of the partner's domain."""
    return feed.replace(f"@{SITE_UID_DOMAIN}".encode(), b"@partner.example")


def snapshot(index):
    rows = []
    for page in EventPage.objects.child_of(index).order_by("title"):
        rows.append((
            page.title, page.start, page.end, page.all_day, page.rrule, page.cancelled, page.town or page.venue_address,
            sorted((e.date, e.cancelled, e.new_start, e.new_end) for e in page.exceptions.all()),
        ))
    return rows


def test_round_trip_export_then_import_gives_the_same_events(client, index_loerrach, empty_index):
    publish_event(
        index_loerrach, title="Reihe mit Ausnahmen", start=at(date(2027, 3, 16)), end=at(date(2027, 3, 16), 20),
        repeat=Repeat.WEEKLY, repeat_count=6, town="Lörrach",
        exceptions=[{"date": date(2027, 3, 23), "cancelled": True},
                    {"date": date(2027, 3, 30), "new_start": at(date(2027, 3, 31), 17), "new_end": at(date(2027, 3, 31), 19)}],
    )
    feed = as_partner(client.get(index_loerrach.url + "feed.ics").content)
    result = import_calendar(feed, empty_index)
    source = EventPage.objects.child_of(index_loerrach).count()
    assert len(result.created) == source and not result.updated

    def comparable(index):
        return [(title, start, end, all_day, rrule, cancelled, sorted(exceptions))
                for title, start, end, all_day, rrule, cancelled, _where, exceptions in snapshot(index)]

    assert comparable(empty_index) == comparable(index_loerrach)
    imported = EventPage.objects.child_of(empty_index).get(title="Reihe mit Ausnahmen")
    assert imported.repeat == Repeat.IMPORTED and imported.venue_address == "Lörrach"
    assert EventPage.objects.child_of(empty_index).get(title__contains="Netzwerktreffen").category.slug == "netzwerktreffen"


def test_reimport_updates_and_never_duplicates(client, index_loerrach, empty_index):
    feed = as_partner(client.get(index_loerrach.url + "feed.ics").content)
    import_calendar(feed, empty_index)
    before = snapshot(empty_index)
    again = import_calendar(feed, empty_index)
    assert not again.created and not again.updated and len(again.unchanged) == len(before)
    assert snapshot(empty_index) == before

    changed = feed.replace(b"SUMMARY:Beispiel: Infoabend", b"SUMMARY:Beispiel: Neuer Infoabend")
    third = import_calendar(changed, empty_index)
    assert [page.title for page in third.updated] == ["Beispiel: Neuer Infoabend zur Anerkennung ausländischer Berufsabschlüsse"]
    assert EventPage.objects.child_of(empty_index).count() == len(before)
    assert EventPage.objects.get(pk=third.updated[0].pk).sequence == 1


BROKEN_FILES = [
    (b"<html><body>Kein Kalender</body></html>", "keine iCalendar-Datei"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "enthält keine Termine"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@b\r\nDTSTART:kaputt\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "Termin"),
    (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:gut@test\r\nSUMMARY:Gut\r\nDTSTART:20270301T100000\r\n"
        b"DTEND:20270301T110000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:schlecht@test\r\nSUMMARY:Schlecht\r\n"
        b"DTSTART:20270301T100000\r\nDTEND:20270301T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "Das Ende liegt vor dem Beginn",
    ),
]


@pytest.mark.parametrize(("data", "message"), BROKEN_FILES)
def test_a_broken_file_gives_a_german_error_and_changes_nothing(empty_index, data, message):
    pages_before = sorted(Page.objects.values_list("id", "latest_revision_id"))
    with pytest.raises(ImportFailed) as error:
        import_calendar(data, empty_index)
    assert message in str(error.value)
    assert sorted(Page.objects.values_list("id", "latest_revision_id")) == pages_before


def test_management_command(client, index_loerrach, empty_index, tmp_path, capsys):
    path = tmp_path / "partner.ics"
    path.write_bytes(as_partner(client.get(index_loerrach.url + "feed.ics").content))
    call_command("import_ics", str(path), index=str(empty_index.pk))
    assert "neu angelegt" in capsys.readouterr().out
    count = EventPage.objects.child_of(empty_index).count()
    call_command("import_ics", str(path), index=empty_index.url)
    assert EventPage.objects.child_of(empty_index).count() == count
    bad = tmp_path / "bad.ics"
    bad.write_text("Hallo")
    with pytest.raises(CommandError, match="keine iCalendar-Datei"):
        call_command("import_ics", str(bad), index=str(empty_index.pk))


def test_admin_import_view(client, django_user_model, index_loerrach, empty_index):
    feed = as_partner(client.get(index_loerrach.url + "feed.ics").content)
    admin = django_user_model.objects.create_superuser("importer", "importer@example.invalid", "pw")
    client.force_login(admin)
    url = "/admin/events/import/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"index": empty_index.pk, "file": SimpleUploadedFile("p.ics", b"kein Kalender")})
    assert response.status_code == 200 and "keine iCalendar-Datei" in response.content.decode()
    assert not EventPage.objects.child_of(empty_index).exists()
    response = client.post(url, {"index": empty_index.pk, "file": SimpleUploadedFile("p.ics", feed)})
    assert response.status_code == 302
    assert EventPage.objects.child_of(empty_index).count() == EventPage.objects.child_of(index_loerrach).count()


def test_import_is_refused_without_permission(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.invalid", "pw")
    client.force_login(user)
    assert client.get("/admin/events/import/").status_code in (302, 403)


def test_all_day_and_floating_times_from_partners(empty_index):
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//DE\r\n"
        b"BEGIN:VEVENT\r\nUID:tag@partner\r\nSUMMARY:Fachtag\r\nDTSTART;VALUE=DATE:20270610\r\n"
        b"DTEND;VALUE=DATE:20270612\r\nCATEGORIES:Fachtag,Sonstiges\r\nLOCATION:Waldshut-Tiengen\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:utc@partner\r\nSUMMARY:Online\r\nDTSTART:20270301T170000Z\r\nDURATION:PT1H30M\r\n"
        b"RRULE:FREQ=WEEKLY;UNTIL=20270322\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    import_calendar(data, empty_index)
    day = EventPage.objects.get(import_uid="tag@partner")
    assert day.all_day and day.category.slug == "fachtag" and day.venue_address == "Waldshut-Tiengen"
    assert (day.start, day.end) == (at(date(2027, 6, 10), 0), at(date(2027, 6, 12), 0))
    online = EventPage.objects.get(import_uid="utc@partner")
    assert online.start == at(date(2027, 3, 1), 18) and online.duration == timedelta(hours=1, minutes=30)
    assert online.rrule.startswith("FREQ=WEEKLY;UNTIL=20270322T")
