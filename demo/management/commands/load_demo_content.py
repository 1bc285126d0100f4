from django.core.management.base import BaseCommand

from demo.bulk import indexed_once_at_the_end
from demo.loader import load_demo_content
from demo.progress import Progress, seconds


class Command(BaseCommand):
    help = "Legt die Demo-Inhalte aus der Selbstbeschreibung der Arbeitskreise an (mehrfach ausführbar)."

    def handle(self, *args, **options):
        progress = Progress(self.stdout, options["verbosity"])
        progress.say("Demo-Inhalte werden angelegt (Deutsch und 12 Übersetzungen) …")
        with indexed_once_at_the_end(progress):
            home = load_demo_content(progress)
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(f"Demo-Inhalte bereit: {home.title} (insgesamt {seconds(progress.total())})")
            )
