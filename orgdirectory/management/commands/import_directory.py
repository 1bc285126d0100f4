"""``manage.py import_directory FILE``: all rows or none; each failing row is reported with its line number."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgdirectory.transfer import ImportFailed, import_csv_text


class Command(BaseCommand):
    help = "Importiert eine CSV-Datei ins Organisationsverzeichnis. Bei einem Fehler wird nichts geändert."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            result = import_csv_text(Path(file).read_text(encoding="utf-8-sig"))
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError("Nichts wurde geändert.") from None
        self.stdout.write(
            f"{result.created} neu, {result.updated} geändert, {result.unchanged} unverändert."
        )
