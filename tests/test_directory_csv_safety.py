"""Directory CSV files carry no formulas into spreadsheets and no scripts onto pages (issue 14, Medium).

The export is read back with Python's csv module, as a spreadsheet would split it."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from orgdirectory.models import Organisation
from orgdirectory.transfer import export_csv_text, import_csv_text
from tests.orgdirectory_helpers import make_organisation

pytestmark = pytest.mark.django_db

FORMULAS = {
    "name": '=HYPERLINK("https://example.org/x","Klick")',
    "short_name": "@SUM(1+1)",
    "services": "+cmd|' /C calc'!A0",
    "target_groups": "-2+3",
    "opening_note": "=1+1",
}


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def formula_entry(working_groups_de):
    entry = make_organisation("formel-test", "Formel", groups=[working_groups_de["ak-migration-waldshut"]])
    for name, value in FORMULAS.items():
        setattr(entry, name, value)
    entry.save()
    entry.save_revision().publish()
    return entry


def test_export_has_no_cell_a_spreadsheet_would_run(client, formula_entry):
    admin = get_user_model().objects.create_superuser("chef-csv", "chef-csv@example.org", "pw-Xy7!long")
    client.force_login(admin)
    exported = client.get(reverse("orgdirectory_export_csv")).content.decode("utf-8-sig")
    cells = [value for row in rows(exported) for value in row.values() if value]
    assert cells
    assert not [value for value in cells if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    row = next(row for row in rows(exported) if row["schluessel"] == "formel-test")
    assert row["name"] == "'" + FORMULAS["name"]
    assert row["kurzname"] == "'@SUM(1+1)"


def test_tab_and_carriage_return_starts_are_neutralised_too():
    from orgdirectory.cell_safety import neutralise, restore

    for value in ("\t=1+1", "\r=1+1", "=1", "+1", "-1", "@x"):
        assert neutralise(value) == "'" + value and restore(neutralise(value)) == value
    assert neutralise("Beratung") == "Beratung" and restore("'Zitat'") == "'Zitat'"


def test_round_trip_keeps_the_text_and_changes_nothing(formula_entry):
    text = export_csv_text()
    result = import_csv_text(text)
    assert result.created == 0 and result.updated == 0
    entry = Organisation.objects.get(pk=formula_entry.pk)
    assert entry.name == FORMULAS["name"]
    assert entry.short_name == "@SUM(1+1)"
    # An edited file with a formula in it stores the text, not the apostrophe.
    table = rows(text)
    for row in table:
        if row["schluessel"] == "formel-test":
            row["kurzname"] = "'=1+2"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    import_csv_text(buffer.getvalue())
    assert Organisation.objects.get(pk=formula_entry.pk).short_name == "=1+2"


def test_imported_rich_text_is_sanitised_like_the_editor(client, formula_entry):
    table = rows(export_csv_text())
    hostile = (
        '<p>Beratung<script>alert(1)</script> <a href="javascript:alert(2)" onclick="alert(3)">hier</a> '
        '<b>fett</b><img src=x onerror="alert(4)"></p><iframe src="https://example.org"></iframe>'
    )
    for row in table:
        if row["schluessel"] == "formel-test":
            row["beschreibung"] = hostile
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    assert import_csv_text(buffer.getvalue()).updated == 1
    stored = Organisation.objects.get(pk=formula_entry.pk).description
    for bad in ("<script", "alert(", "javascript:", "onclick", "onerror", "<iframe", "<img", "data-block-key"):
        assert bad not in stored
    assert "Beratung" in stored and "<b>fett</b>" in stored and "hier" in stored


def test_every_other_export_keeps_formulas_as_text(client, formula_entry):
    """The admin list's own CSV and XLSX downloads and the office .xlsx export: read back as a spreadsheet would."""
    from openpyxl import load_workbook

    from orgdirectory.office import export_xlsx_bytes

    admin = get_user_model().objects.create_superuser("chef-export", "chef-export@example.org", "pw-Xy7!long")
    client.force_login(admin)
    listing = reverse("wagtailsnippets_orgdirectory_organisation:list")
    listed = b"".join(client.get(listing, {"export": "csv", "q": "HYPERLINK"}).streaming_content).decode("utf-8-sig")
    cells = [value for row in rows(listed) for value in row.values() if value]
    assert "'" + FORMULAS["name"] in cells
    assert not [value for value in cells if value.startswith(("=", "+", "-", "@"))]
    listed_xlsx = client.get(listing, {"export": "xlsx", "q": "HYPERLINK"})
    listed_xlsx = b"".join(listed_xlsx.streaming_content) if listed_xlsx.streaming else listed_xlsx.content
    for workbook_bytes in (listed_xlsx, export_xlsx_bytes()):
        sheet = load_workbook(io.BytesIO(workbook_bytes)).active
        values = [cell for row in sheet.iter_rows() for cell in row if cell.value == FORMULAS["name"]]
        assert values and all(cell.data_type == "s" for cell in values)
