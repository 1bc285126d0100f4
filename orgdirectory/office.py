"""The directory's CSV and Excel files as office programs write and read them.

German Excel and LibreOffice save CSV with semicolons, in Windows-1252 or as "CSV UTF-8"
with a byte order mark; without a BOM Excel reads UTF-8 as Windows-1252 (``AuslÃ¤nder``).
So the export is UTF-8 with a BOM and CRLF line ends (and an ``.xlsx`` file, what an office
user double-clicks), and the import takes what comes back: any of those encodings, comma,
semicolon or tab, or the ``.xlsx`` file itself. The rows then go through ``transfer``.
"""

import csv
import io
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from .transfer import COLUMNS, ImportFailed, export_csv_text, import_csv_text, row_of, source_organisations

BOM = "\ufeff"
XLSX_MAGIC = b"PK\x03\x04"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Organisationen"


def export_csv_bytes():
    """The CSV export for office programs: UTF-8 with BOM, CRLF (``transfer.export_csv_text`` writes CRLF)."""
    return (BOM + export_csv_text()).encode("utf-8")


def export_xlsx_bytes():
    """The same rows as an Excel workbook; every cell is text, so postcodes keep their leading zeros."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(COLUMNS)
    for organisation in source_organisations():
        row = row_of(organisation)
        sheet.append([row[column] for column in COLUMNS])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.number_format = "@"
            if cell.data_type == "f":  # openpyxl stores "=…" as a formula; Excel would run it (cell_safety)
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def decode(data):
    """The text of an uploaded CSV and the notes for the editor (German), by BOM, UTF-8, then Windows-1252."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                break
    else:
        try:
            return data.decode("utf-8"), []
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return text, [
                _(
                    "Die Datei war nicht in UTF-8 gespeichert und wurde als Windows-1252 gelesen "
                    "(so speichert Excel „CSV (Trennzeichen-getrennt)“). Bitte prüfen Sie Umlaute und Sonderzeichen."
                )
            ]
    raise ImportFailed([
        _("Die Zeichenkodierung der Datei ist unbekannt. Bitte speichern Sie sie als „CSV UTF-8“ oder als Excel-Datei.")
    ])


def delimiter_of(text):
    """The column separator: the one that splits the header into the known column names."""
    header = text.lstrip(BOM).splitlines()[0] if text.strip() else ""
    best, found = ",", 0
    for candidate in (",", ";", "\t"):
        names = {name.strip().strip('"').casefold() for name in header.split(candidate)}
        count = len(names & set(COLUMNS))
        if count > found:
            best, found = candidate, count
    return best


def normalised_csv(text):
    """``text`` (any separator, BOM or not) as the comma-separated text ``transfer`` reads."""
    text = text.lstrip(BOM)
    delimiter = delimiter_of(text)
    if delimiter == ",":
        return text
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise ImportFailed([
            _("Die Datei ist keine gültige CSV-Datei (zum Beispiel ein Anführungszeichen ohne Gegenstück). "
              "Bitte speichern Sie sie erneut als CSV.")
        ]) from None
    return _csv_text(rows)


def _csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _cell_text(value):
    """A cell as the export wrote it: text stays text; what Excel turned into numbers or dates comes back."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_csv(data):
    """The first sheet of an Excel workbook as comma-separated text."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors); the editor needs one plain sentence
        raise ImportFailed([
            _("Die Excel-Datei konnte nicht gelesen werden. Bitte speichern Sie sie erneut als .xlsx oder als CSV.")
        ]) from None
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return _csv_text(rows)


def read_upload(data):
    """The comma-separated text of an uploaded file (CSV in any office encoding, or .xlsx) and notes."""
    if data.startswith(XLSX_MAGIC):
        return xlsx_csv(data), []
    text, notes = decode(data)
    return normalised_csv(text), notes


def import_file(data, user=None):
    """Import an uploaded file (bytes); the result carries the notes (``result.notes``)."""
    text, notes = read_upload(data)
    result = import_csv_text(text, user=user)
    result.notes = notes
    return result
