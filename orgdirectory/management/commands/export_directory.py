"""``manage.py export_directory [--format csv|json] [--output FILE]``: the German directory entries."""

from pathlib import Path

from django.core.management.base import BaseCommand

from orgdirectory.transfer import export_csv_text, export_json_text


class Command(BaseCommand):
    help = "Exportiert das Organisationsverzeichnis (deutsche Einträge) als CSV oder JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", "-o", help="Datei; ohne Angabe auf die Standardausgabe.")

    def handle(self, *args, format, output, **options):
        text = export_csv_text() if format == "csv" else export_json_text()
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
