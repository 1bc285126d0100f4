import tarfile

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von backup_site wieder her: ersetzt Datenbank und hochgeladene Dateien. "
        "Vorher die Website anhalten."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--no-input", action="store_true", help="Nicht nachfragen.")

    def handle(self, *args, **options):
        try:
            manifest = read_manifest(options["archive"])
        except (OSError, KeyError, ValueError, tarfile.TarError) as error:
            raise CommandError(f"Keine lesbare Sicherung: {options['archive']}") from error
        self.stdout.write(f"Sicherung vom {manifest['created']} ({manifest['engine']}): {manifest['counts']}")
        if not options["no_input"]:
            answer = input("Datenbank und Dateien jetzt durch diese Sicherung ersetzen? [ja/nein] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen.")
        try:
            restore(options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Wiederhergestellt."))
