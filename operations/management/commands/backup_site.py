import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sichert Datenbank (PostgreSQL: pg_dump, SQLite: Online-Backup) und hochgeladene Dateien "
        "in ein Archiv mit Datum im Namen (Standard: backups/)."
    )

    def add_arguments(self, parser):
        default = os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "backups"
        parser.add_argument("--output-dir", default=default)

    def handle(self, *args, **options):
        try:
            archive = backup(options["output_dir"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {archive}"))
        self.stdout.write(str(archive), ending="\n")
