"""The directory's files in German office programs: Excel/LibreOffice CSV (semicolons, Windows-1252 or
"CSV UTF-8" with BOM) and .xlsx, read back with the csv module and openpyxl, and imported again unchanged."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import Revision

from orgdirectory.models import Organisation, Region
from orgdirectory.office import export_csv_bytes, export_xlsx_bytes, import_file
from orgdirectory.transfer import COLUMNS, ImportFailed
from tests.orgdirectory_helpers import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def umlaut_entry(working_groups_de):
    return make_organisation(
        "office-test", "Ausländerbehörde Lörrach – Büro für Einbürgerung", category="beratung",
        description="<p>Beratung „Aufenthalt“; Straße, Öffnung</p>", street="Palmstraße 3", postcode="79539",
        town="Lörrach", county=Region.objects.get(slug="loerrach", locale__language_code="de"),
        latitude="47.614", longitude="7.664", phone="07621 000000",
        hours=[(0, "08:00", "12:00"), (3, "14:00", "18:00")],
        exceptions=[{"day": "2026-12-24", "closed": True, "note": "Heiligabend"}],
        languages=["ar", "tr"], groups=[working_groups_de["ak-migration-loerrach"]],
    )


def exported_rows():
    """The export read by Python's csv module, as Excel would open it (BOM, CRLF)."""
    data = export_csv_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") >= 2 and text.splitlines()[0].startswith("schluessel,")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def as_german_excel(rows, encoding):
    """What German Excel writes on "Speichern unter": semicolons, CRLF, decimal commas in numbers."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        row = dict(row)
        for column in ("breitengrad", "laengengrad"):
            row[column] = row[column].replace(".", ",")
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def stored():
    return sorted(
        (o.key, o.name, o.description, o.latest_revision_id)
        for o in Organisation.objects.filter(locale__language_code="de")
    ), Revision.objects.count()


def test_export_opens_in_excel_with_umlauts_in_their_columns(umlaut_entry):
    rows = {row["schluessel"]: row for row in exported_rows()}
    assert rows["office-test"]["name"] == "Ausländerbehörde Lörrach – Büro für Einbürgerung"
    assert len(rows) == Organisation.objects.filter(locale__language_code="de").count()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"], ids=["excel-csv-windows-1252", "excel-csv-utf-8"])
def test_round_trip_through_german_excel_changes_nothing(umlaut_entry, encoding):
    rows = exported_rows()
    before = stored()
    result = import_file(as_german_excel(rows, encoding))
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(rows))
    assert stored() == before
    assert bool(result.notes) == (encoding == "cp1252")
    assert len(rows) > 10


def test_xlsx_export_reads_back_with_openpyxl_and_imports_unchanged(umlaut_entry):
    data = export_xlsx_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == COLUMNS
    by_key = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in values[1:]}
    assert by_key["office-test"]["name"] == "Ausländerbehörde Lörrach – Büro für Einbürgerung"
    assert by_key["office-test"]["plz"] == "79539"
    before = stored()
    result = import_file(data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(values) - 1)
    assert stored() == before


def test_a_workbook_edited_in_excel_imports_its_change(umlaut_entry):
    """Excel turns cells it recognises into numbers; they come back as the text the import expects."""
    workbook = Workbook()
    sheet = workbook.active
    rows = [row for row in exported_rows() if row["schluessel"] == "office-test"]
    sheet.append(COLUMNS)
    for row in rows:
        values = [row[column] for column in COLUMNS]
        values[COLUMNS.index("plz")] = 79539
        values[COLUMNS.index("breitengrad")] = 47.614
        values[COLUMNS.index("telefon")] = "07621 111111"
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_file(buffer.getvalue())
    assert (result.updated, result.unchanged) == (1, 0)
    entry = Organisation.objects.get(key="office-test", locale__language_code="de")
    assert entry.phone == "07621 111111" and entry.postcode == "79539"


def test_bad_rows_are_named_in_german(umlaut_entry):
    rows = [row for row in exported_rows() if row["schluessel"] == "office-test"]
    rows[0]["oeffnungszeiten"] = "Mo 25:00-26:00"
    rows[0]["abweichungen"] = "2026-13-40 geschlossen"
    with pytest.raises(ImportFailed) as failure:
        import_file(as_german_excel(rows, "cp1252"))
    [error] = failure.value.errors
    assert error.startswith("Zeile 2: ") and "„25:00“ ist keine Uhrzeit" in error
    assert "hour must be" not in error
    rows[0]["oeffnungszeiten"] = ""
    with pytest.raises(ImportFailed) as failure:
        import_file(as_german_excel(rows, "utf-8-sig"))
    assert "„2026-13-40“ ist kein Datum" in failure.value.errors[0]


def test_files_that_are_neither_csv_nor_excel(umlaut_entry):
    with pytest.raises(ImportFailed) as failure:
        import_file(b"PK\x03\x04kaputt")
    assert "Excel-Datei konnte nicht gelesen werden" in failure.value.errors[0]
    with pytest.raises(ImportFailed) as failure:
        import_file(b"\xef\xbb\xbfschluessel;name\r\n\x81\x8d")
    assert failure.value.errors


def test_command_imports_a_windows_1252_file_with_a_note(umlaut_entry, tmp_path, capsys):
    target = tmp_path / "aus-excel.csv"
    target.write_bytes(as_german_excel(exported_rows(), "cp1252"))
    call_command("import_directory", str(target))
    captured = capsys.readouterr()
    assert "0 neu, 0 geändert" in captured.out and "Windows-1252" in captured.err
    xlsx = tmp_path / "verzeichnis.xlsx"
    call_command("export_directory", format="xlsx", output=str(xlsx))
    call_command("import_directory", str(xlsx))
    assert "0 neu, 0 geändert" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "fehlt.csv"))


def test_admin_offers_excel_and_takes_it_back(client, umlaut_entry):
    user = get_user_model().objects.create_superuser("od-office", "o@example.org", "pw-office-1234")
    client.force_login(user)
    page = client.get(reverse("orgdirectory_transfer")).content.decode()
    assert reverse("orgdirectory_export_xlsx") in page
    response = client.get(reverse("orgdirectory_export_xlsx"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="organisationen.xlsx"' in response["Content-Disposition"]
    upload = io.BytesIO(response.content)
    upload.name = "organisationen.xlsx"
    html = client.post(reverse("orgdirectory_transfer"), {"file": upload}).content.decode()
    assert "0 neu, 0 geändert" in html
    upload = io.BytesIO(as_german_excel(exported_rows(), "cp1252"))
    upload.name = "organisationen.csv"
    html = client.post(reverse("orgdirectory_transfer"), {"file": upload}).content.decode()
    assert "0 neu, 0 geändert" in html and "Windows-1252" in html


def test_the_snippet_listing_downloads_as_excel(client, umlaut_entry):
    user = get_user_model().objects.create_superuser("od-listing", "l@example.org", "pw-listing-1234")
    client.force_login(user)
    url = reverse("wagtailsnippets_orgdirectory_organisation:list")
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert ("office-test", "Ausländerbehörde Lörrach – Büro für Einbürgerung") in {row[:2] for row in rows[1:]}
