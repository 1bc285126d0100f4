"""``manage.py import_directory FILE``: all rows or none; each failing row is reported with its line number.

FILE is a CSV (comma or semicolon, UTF-8 with or without BOM, or Windows-1252) or an .xlsx workbook.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgdirectory.office import import_file
from orgdirectory.transfer import ImportFailed


class Command(BaseCommand):
    help = "Importiert eine CSV-Datei ins Organisationsverzeichnis. Bei einem Fehler wird nichts geändert."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            result = import_file(Path(file).read_bytes())
        except OSError as error:
            raise CommandError(f"Die Datei konnte nicht gelesen werden: {error.strerror or error}") from None
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError("Nichts wurde geändert.") from None
        for note in result.notes:
            self.stderr.write(note)
        self.stdout.write(
            f"{result.created} neu, {result.updated} geändert, {result.unchanged} unverändert."
        )
