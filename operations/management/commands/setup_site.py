from django.core.management.base import BaseCommand

from operations.setup import set_up_site


class Command(BaseCommand):
    help = (
        "Richtet die Website für den Echtbetrieb ein: Sprachen, Startseite, Arbeitskreise mit ihren Texten und "
        "Mitgliedern, Verzeichnis, Kalender, Menü, Fußzeile, Pflichtseiten, Redaktionsgruppen und Prüf-Workflows "
        "(ohne Beispielinhalte, mehrfach ausführbar; Vorhandenes bleibt unverändert)."
    )

    def handle(self, *args, **options):
        home, _groups, report = set_up_site()
        for label in report.created:
            self.stdout.write(f"Angelegt: {label}")
        if report.kept:
            self.stdout.write(f"Unverändert gelassen (schon vorhanden, vielleicht von der Redaktion bearbeitet): {len(report.kept)}")
            for label in report.kept:
                self.stdout.write(f"  – {label}")
        self.stdout.write(self.style.SUCCESS(f"Website eingerichtet: {home.title}"))
