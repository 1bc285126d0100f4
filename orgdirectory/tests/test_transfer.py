"""CSV import and export (for German spreadsheet users): regions travel by their German name."""

import csv
import io

import pytest

from orgdirectory.models import Organisation, Region
from orgdirectory.transfer import ImportFailed, export_csv_text, import_csv_text


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def as_csv(data):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(data[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return buffer.getvalue()


@pytest.mark.django_db
def test_export_names_the_region_and_a_round_trip_changes_nothing(entries):
    text = export_csv_text()
    office = next(row for row in rows(text) if row["schluessel"] == "beratungsstelle-nord")
    assert office["landkreis"] == "Nordkreis"
    result = import_csv_text(text)
    assert (result.created, result.updated) == (0, 0)
    assert export_csv_text() == text


@pytest.mark.django_db
def test_import_assigns_a_region_by_name_or_slug(entries, german):
    Region.objects.create(name="Südkreis", slug="suedkreis", locale=german)
    data = rows(export_csv_text())
    for row in data:
        row["landkreis"] = {"beratungsstelle-nord": "südkreis", "sprachcafe": "nordkreis"}[row["schluessel"]]
    result = import_csv_text(as_csv(data))
    assert result.updated == 2
    regions = dict(Organisation.objects.filter(locale=german).values_list("key", "county__name"))
    assert regions == {"beratungsstelle-nord": "Südkreis", "sprachcafe": "Nordkreis"}


@pytest.mark.django_db
def test_unknown_region_fails_the_whole_import_with_its_line(entries):
    data = rows(export_csv_text())
    data[1]["landkreis"] = "Atlantis"
    before = export_csv_text()
    with pytest.raises(ImportFailed) as failure:
        import_csv_text(as_csv(data))
    assert failure.value.errors == ["Zeile 3: Die Region „Atlantis“ gibt es nicht."]
    assert export_csv_text() == before
