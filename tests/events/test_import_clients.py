"""Partners' calendar files as their programs really write them: encodings, RDATE, broken entries,
our own feed coming back, webcal:// links and X-WR-TIMEZONE."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page

from events.importer import ImportFailed, import_calendar
from events.models import EventPage
from tests.events.support import at

pytestmark = pytest.mark.django_db

ENGLISH_OR_TECHNICAL = ("Error", "error", "line", "Expected", "b'", "\\x", "Traceback", "Content line")


def calendar(*entries, head=""):
    body = "".join(
        "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in entry) + "END:VEVENT\r\n" for entry in entries
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//DE\r\n{head}{body}END:VCALENDAR\r\n"


STREET_PARTY = ["UID:fest@partner.example", "SUMMARY:Karlstraßenfest in Lörrach", "DTSTART:20270612T150000",
                "DTEND:20270612T220000", "LOCATION:Karlstraße, Lörrach"]
MEETING = ["UID:treffen@partner.example", "SUMMARY:Netzwerktreffen Übergänge", "DTSTART:20270301T100000",
           "DTEND:20270301T120000"]


def assert_plain_german(message):
    assert not any(word in message for word in ENGLISH_OR_TECHNICAL), message


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_every_encoding_german_windows_programs_write(empty_index, encoding):
    data = calendar(STREET_PARTY, MEETING).encode(encoding)
    result = import_calendar(data, empty_index)
    assert len(result.created) == 2
    page = EventPage.objects.get(import_uid="fest@partner.example")
    assert page.title == "Karlstraßenfest in Lörrach" and page.venue_address == "Karlstraße, Lörrach"
    assert "\ufffd" not in page.title
    notes = " ".join(result.warnings)
    assert ("Windows-1252" in notes) == (encoding == "cp1252")


def test_undecodable_bytes_are_refused_in_german(empty_index):
    data = calendar(STREET_PARTY).encode("utf-8").replace("ß".encode(), b"\x81\x8d")
    with pytest.raises(ImportFailed) as error:
        import_calendar(data, empty_index)
    assert "Zeichenkodierung" in str(error.value)


def test_rdate_is_never_dropped_silently(empty_index):
    extra = ["UID:reihe@partner.example", "SUMMARY:Sprechstunde", "DTSTART:20270105T100000",
             "DTEND:20270105T110000", "RDATE:20270112T100000,20270119T100000,20270126T100000"]
    data = calendar(extra, MEETING).encode()
    pages_before = sorted(Page.objects.values_list("id", "latest_revision_id"))
    with pytest.raises(ImportFailed) as error:
        import_calendar(data, empty_index)
    message = str(error.value)
    assert "„Sprechstunde“ (Zeile 4)" in message and "RDATE" in message and "nichts importiert" in message
    assert sorted(Page.objects.values_list("id", "latest_revision_id")) == pages_before

    result = import_calendar(data, empty_index, skip_broken=True)
    assert [page.title for page in result.created] == ["Netzwerktreffen Übergänge"]
    assert any("„Sprechstunde“" in warning and "von Hand" in warning for warning in result.warnings)


def test_an_entry_without_uid_or_start_is_named(empty_index):
    no_uid = ["SUMMARY:Sommerfest ohne UID", "DTSTART:20270701T150000"]
    no_start = ["UID:ohne-beginn@partner.example", "SUMMARY:Ohne Beginn"]
    data = calendar(MEETING, no_uid, no_start).encode()
    with pytest.raises(ImportFailed) as error:
        import_calendar(data, empty_index)
    message = str(error.value)
    assert "„Sommerfest ohne UID“ (Zeile 10) hat keine UID." in message
    assert "„Ohne Beginn“ (Zeile 14) hat keinen Beginn" in message
    assert not EventPage.objects.child_of(empty_index).exists()
    result = import_calendar(data, empty_index, skip_broken=True)
    assert [page.import_uid for page in result.created] == ["treffen@partner.example"]


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_file_gives_a_plain_german_message(empty_index, cut):
    data = calendar(STREET_PARTY, MEETING).encode()
    with pytest.raises(ImportFailed) as error:
        import_calendar(data[: int(len(data) * cut)], empty_index)
    assert "unvollständig" in str(error.value)
    assert_plain_german(str(error.value))


def test_a_garbled_entry_names_itself_in_german(empty_index):
    garbled = ["UID:kaputt@partner.example", "SUMMARY:Kaputter Termin", "DTSTART:20271301T250000"]
    with pytest.raises(ImportFailed) as error:
        import_calendar(calendar(MEETING, garbled).encode(), empty_index)
    assert_plain_german(str(error.value))
    assert "Kaputter Termin" in str(error.value) or "beschädigt" in str(error.value)


def test_our_own_feed_never_creates_copies_nor_rewrites_our_events(client, index_loerrach, calendar_de):
    native = {page.pk: (page.latest_revision_id, page.sequence, page.repeat, page.description, page.town)
              for page in EventPage.objects.live()}
    feed = client.get(calendar_de.url + "feed.ics").content
    result = import_calendar(feed, index_loerrach)
    assert not result.created and not result.updated
    assert any("aus diesem Kalender selbst wurden nicht importiert" in warning for warning in result.warnings)
    after = {page.pk: (page.latest_revision_id, page.sequence, page.repeat, page.description, page.town)
             for page in EventPage.objects.live()}
    assert after == native


def test_x_wr_timezone_decides_floating_times(empty_index):
    entry = ["UID:ny@partner.example", "SUMMARY:Online aus New York", "DTSTART:20270301T100000",
             "DTEND:20270301T110000"]
    import_calendar(calendar(entry, head="X-WR-TIMEZONE:America/New_York\r\n").encode(), empty_index)
    page = EventPage.objects.get(import_uid="ny@partner.example")
    assert page.start == datetime(2027, 3, 1, 10, tzinfo=ZoneInfo("America/New_York"))
    assert page.start == at(date(2027, 3, 1), 16)  # 15:00 UTC


def test_the_import_form_takes_webcal_links_and_can_skip_broken_entries(client, django_user_model, empty_index,
                                                                         monkeypatch):
    fetched = []

    def fake_fetch(url):
        fetched.append(url)
        return calendar(MEETING, ["SUMMARY:Ohne UID", "DTSTART:20270701T150000"]).encode()

    monkeypatch.setattr("events.admin_views.fetch", fake_fetch)
    admin = django_user_model.objects.create_superuser("importer", "importer@example.invalid", "pw")
    client.force_login(admin)
    url = "/admin/events/import/"
    address = "webcal://kalender.partner.example/feed.ics"
    response = client.post(url, {"index": empty_index.pk, "url": address})
    assert fetched == ["https://kalender.partner.example/feed.ics"]
    page = response.content.decode()
    assert response.status_code == 200 and "„Ohne UID“ (Zeile 10) hat keine UID." in page
    assert not EventPage.objects.child_of(empty_index).exists()

    response = client.post(url, {"index": empty_index.pk, "url": address, "skip_broken": "on"})
    assert response.status_code == 302
    assert [page.import_uid for page in EventPage.objects.child_of(empty_index)] == ["treffen@partner.example"]
    response = client.post(url, {"index": empty_index.pk, "url": "ftp://partner.example/x.ics"})
    assert "webcal://" in response.content.decode()
