from django.core.management.base import BaseCommand

from operations.setup import set_up_site


class Command(BaseCommand):
    help = (
        "Richtet die Website für den Echtbetrieb ein: Sprachen, Startseite, Redaktionsgruppen und "
        "Prüf-Workflows (ohne Beispielinhalte, mehrfach ausführbar)."
    )

    def handle(self, *args, **options):
        home = set_up_site()
        self.stdout.write(self.style.SUCCESS(f"Website eingerichtet: {home.title}"))
