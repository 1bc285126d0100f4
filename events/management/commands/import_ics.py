from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from events.importer import ImportFailed, fetch, import_calendar
from events.models import EventIndexPage


def find_index(value):
    """An event index by page id or by URL path such as ``/de/working-group/veranstaltungen/``."""
    if value.isdigit():
        page = Page.objects.filter(pk=int(value)).first()
    else:
        path = "/" + value.strip("/") + "/"
        parts = path.strip("/").split("/")
        page = None
        for candidate in EventIndexPage.objects.filter(slug=parts[-1]).select_related("locale"):
            url = candidate.url or ""
            if url.rstrip("/").endswith(path.rstrip("/")) or candidate.url_path.endswith(path):
                page = candidate
                break
    if page is None or not isinstance(page.specific, EventIndexPage):
        raise CommandError(f"Keine Veranstaltungsübersicht gefunden: {value}")
    return page.specific


class Command(BaseCommand):
    help = "Importiert eine iCalendar-Datei (.ics) oder -Adresse in eine Veranstaltungsübersicht (mehrfach ausführbar)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Pfad zu einer .ics-Datei oder eine http(s)/webcal-Adresse")
        parser.add_argument("--index", required=True, help="ID oder Adresse der Veranstaltungsübersicht")
        parser.add_argument(
            "--fehlerhafte-ueberspringen", dest="skip_broken", action="store_true",
            help="Fehlerhafte Termine auslassen (sie werden genannt) und die übrigen importieren",
        )

    def handle(self, *args, source, index, skip_broken=False, **options):
        target = find_index(index)
        try:
            if source.lower().startswith(("http://", "https://", "webcal://")):
                data = fetch(source)
            else:
                with open(source, "rb") as handle:
                    data = handle.read()
            result = import_calendar(data, target, skip_broken=skip_broken)
        except OSError as error:
            raise CommandError(f"Die Datei konnte nicht gelesen werden: {error}") from error
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        for warning in result.warnings:
            self.stderr.write(warning)
        self.stdout.write(self.style.SUCCESS(result.summary()))
