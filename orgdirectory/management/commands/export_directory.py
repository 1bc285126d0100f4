"""``manage.py export_directory [--format csv|xlsx|json] [--output FILE]``: the German directory entries.

CSV is UTF-8 with a BOM and CRLF, as Excel and LibreOffice open it correctly by a double-click.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from orgdirectory.office import export_csv_bytes, export_xlsx_bytes
from orgdirectory.transfer import export_json_text


class Command(BaseCommand):
    help = "Exportiert das Organisationsverzeichnis (deutsche Einträge) als CSV oder JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", "-o", help="Datei; ohne Angabe auf die Standardausgabe.")

    def handle(self, *args, format, output, **options):
        if format == "json":
            data = export_json_text().encode("utf-8")
        else:
            data = export_csv_bytes() if format == "csv" else export_xlsx_bytes()
        if output:
            Path(output).write_bytes(data)
        elif format == "xlsx":
            self.stdout.buffer.write(data) if hasattr(self.stdout, "buffer") else self.stdout.write(data.decode("latin-1"))
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
