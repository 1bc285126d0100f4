from django.core.management.base import BaseCommand

from demo.bulk import indexed_once_at_the_end
from demo.loader import load_demo_content


class Command(BaseCommand):
    help = "Legt die Demo-Inhalte aus der Selbstbeschreibung der Arbeitskreise an (mehrfach ausführbar)."

    def handle(self, *args, **options):
        with indexed_once_at_the_end(self.stdout):
            home = load_demo_content()
        self.stdout.write(self.style.SUCCESS(f"Demo-Inhalte bereit: {home.title}"))
