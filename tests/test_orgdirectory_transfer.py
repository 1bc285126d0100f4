"""Bulk editing: CSV export and import (all or nothing), JSON export, admin screen and commands."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Revision

from orgdirectory.models import Organisation, Region
from orgdirectory.transfer import ImportFailed, export_csv_text, export_json_text, import_csv_text
from tests.orgdirectory_helpers import make_organisation

pytestmark = pytest.mark.django_db


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def write(rows_):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows_[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows_)
    return buffer.getvalue()


def snapshot():
    return sorted(
        (o.key, o.name, o.phone, o.town, o.latest_revision_id, tuple(o.language_codes()))
        for o in Organisation.objects.filter(locale__language_code="de").prefetch_related("advice_languages")
    ), Revision.objects.count()


@pytest.fixture
def rich_entry(working_groups_de):
    return make_organisation(
        "csv-test", "CSV-Stelle", category="beratung", description="<p>Hilfe, auch „mit“ Zeilen;\nund Kommas</p>",
        services="Beratung\nBegleitung", street="Teststraße 1", postcode="79539", town="Lörrach", county=Region.objects.get(slug="loerrach", locale__language_code="de"),
        latitude="47.614", longitude="7.664", phone="07621 000000", email="csv@example.org", website="https://example.org",
        hours=[(0, "08:00", "12:00"), (0, "14:00", "16:00"), (4, "22:00", "02:00")],
        exceptions=[{"day": "2026-12-24", "closed": True, "note": "Heiligabend"},
                    {"day": "2026-12-31", "closed": False, "opens": "10:00", "closes": "12:00"}],
        languages=["ar", "tr"], groups=[working_groups_de["ak-migration-loerrach"], working_groups_de["ak-migration-waldshut"]],
        by_appointment_only=True, wheelchair_access="teilweise",
    )


def test_export_contains_every_german_entry_with_structured_hours(rich_entry):
    exported = {row["schluessel"]: row for row in rows(export_csv_text())}
    assert len(exported) == Organisation.objects.filter(locale__language_code="de").count()
    row = exported["csv-test"]
    assert row["oeffnungszeiten"] == "Mo 08:00-12:00, 14:00-16:00; Fr 22:00-02:00+1"
    assert row["abweichungen"] == "2026-12-24 geschlossen (Heiligabend); 2026-12-31 10:00-12:00"
    assert row["sprachen"] == "ar tr"
    assert row["arbeitskreise"] == "ak-migration-loerrach:0 ak-migration-waldshut:1"


def test_csv_round_trip_changes_nothing(rich_entry):
    text = export_csv_text()
    before = snapshot()
    result = import_csv_text(text)
    assert result.created == result.updated == 0
    assert result.unchanged == Organisation.objects.filter(locale__language_code="de").count()
    assert snapshot() == before
    assert export_csv_text() == text


def test_import_updates_and_creates_and_a_second_run_changes_nothing(rich_entry):
    data = rows(export_csv_text())
    row = next(item for item in data if item["schluessel"] == "csv-test")
    row["telefon"] = "07621 111111"
    row["oeffnungszeiten"] = "Di 09:00-11:00"
    new = dict(row, schluessel="ganz-neu", name="Ganz neue Stelle", arbeitskreise="")
    data.append(new)
    text = write(data)
    result = import_csv_text(text)
    assert (result.created, result.updated) == (1, 1)
    updated = Organisation.objects.get(key="csv-test", locale__language_code="de")
    assert updated.phone == "07621 111111"
    assert [(i.weekday, str(i.opens)) for i in updated.opening_intervals.all()] == [(1, "09:00:00")]
    assert Organisation.objects.get(key="ganz-neu").live
    before = snapshot()
    again = import_csv_text(text)
    assert again.created == again.updated == 0
    assert snapshot() == before


def test_import_with_one_bad_row_changes_nothing_and_names_the_row(rich_entry):
    data = rows(export_csv_text())
    data[0]["name"] = "Geänderter Name"
    bad = next(index for index, item in enumerate(data) if item["schluessel"] == "csv-test")
    data[bad]["plz"] = "123"
    data[bad]["oeffnungszeiten"] = "Mo 16:00-08:00"
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        import_csv_text(write(data))
    assert snapshot() == before
    (error,) = failure.value.errors
    # Line numbers count the header and the multi-line description cell of the entry.
    line = 2 + sum(item["beschreibung"].count("\n") + item["angebote"].count("\n") + item["zielgruppen"].count("\n")
                   + 1 for item in data[:bad])
    assert error.startswith(f"Zeile {line}: ")
    assert "fünf Ziffern" in error and "liegt vor dem Beginn" in error


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("kategorie", "gibtsnicht", "Die Kategorie „gibtsnicht“ gibt es nicht"),
        ("sprachen", "ar xx", "Unbekannte Sprache: xx"),
        ("arbeitskreise", "ak-unbekannt:1", "Den Arbeitskreis „ak-unbekannt“ gibt es nicht"),
        ("oeffnungszeiten", "Montag 8-12", "verstehe ich nicht"),
        ("telefon", "abc", "keine gültige Telefonnummer"),
        ("email", "x@", "gültige E-Mail"),
        ("schluessel", "", "Der Schlüssel fehlt"),
    ],
)
def test_import_reasons_are_german(rich_entry, column, value, reason):
    data = [row for row in rows(export_csv_text()) if row["schluessel"] == "csv-test"]
    data[0][column] = value
    with pytest.raises(ImportFailed) as failure:
        import_csv_text(write(data))
    assert reason in failure.value.errors[0] and failure.value.errors[0].startswith("Zeile 2: ")


def test_duplicate_keys_in_the_file_are_reported(rich_entry):
    data = [row for row in rows(export_csv_text()) if row["schluessel"] == "csv-test"]
    with pytest.raises(ImportFailed) as failure:
        import_csv_text(write(data + data))
    assert "steht schon in Zeile 2" in failure.value.errors[0]


def test_json_export(rich_entry):
    records = {record["key"]: record for record in json.loads(export_json_text())}
    record = records["csv-test"]
    assert record["languages"] == ["ar", "tr"] and record["latitude"] == 47.614
    assert {"weekday": 4, "opens": "22:00", "closes": "02:00", "closes_next_day": True} in record["opening_hours"]


def test_management_commands(rich_entry, tmp_path, capsys):
    target = tmp_path / "verzeichnis.csv"
    call_command("export_directory", output=str(target))
    call_command("import_directory", str(target))
    assert "0 neu, 0 geändert" in capsys.readouterr().out
    target.write_text(target.read_text(encoding="utf-8").replace("07621 000000", "07621 abc"), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_directory", str(target))
    assert "keine gültige Telefonnummer" in capsys.readouterr().err


def test_admin_transfer_screen(client, rich_entry):
    url = reverse("orgdirectory_transfer")
    assert client.get(url).status_code in (302, 403)
    user = get_user_model().objects.create_superuser("od-transfer", "t@example.org", "pw-transfer-1234")
    client.force_login(user)
    assert client.get(url).status_code == 200
    exported = client.get(reverse("orgdirectory_export_csv"))
    assert exported["Content-Type"].startswith("text/csv")
    text = exported.content.decode()
    assert json.loads(client.get(reverse("orgdirectory_export_json")).content)
    bad = text.replace("07621 000000", "0")
    response = client.post(url, {"file": io.BytesIO(bad.encode())}, format="multipart")
    html = response.content.decode()
    assert "Nichts wurde geändert" in html and "Zeile " in html
    upload = io.BytesIO(text.encode())
    upload.name = "organisationen.csv"
    response = client.post(url, {"file": upload})
    assert "0 neu, 0 geändert" in response.content.decode()


def test_admin_transfer_needs_permission(client):
    user = get_user_model().objects.create_user("od-editor", "e@example.org", "pw-editor-1234", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("orgdirectory_export_csv")).status_code in (302, 403)
