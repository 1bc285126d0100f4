"""The demo site: ``setup_site``'s real content plus examples, each visibly marked as one.

Locales, home page, the working groups with the seed's texts, directory, calendar, menu,
footer, legal pages and the editorial setup come from ``operations.setup`` exactly as in
production; this module only adds example news, the example FAQ page, example directory
entries and example events, and stores the demo translations. Idempotent: pages that exist
are left as they are, so running the loader again never overwrites what an editor has changed.
"""

from collections import Counter

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from demo.events import load_demo_events
from events.models import EventPage
from home.legal import OperatorDetails
from home.models import ContentPage, MainMenu, NewsIndexPage, NewsPage
from operations.content import ensure_child, publish_child
from operations.setup import set_up_site
from orgdirectory.models import Organisation
from translations.locales import ensure_locales, sync_locale_trees

from .directory import load_demo_directory
from .progress import QUIET, counted
from .translations import apply_demo_translations

EXAMPLE_NOTE = (
    "Beispielinhalt: Dieser Text stammt nicht von den Arbeitskreisen. Er zeigt nur, wie die Seite aussehen kann."
)


def ensure_example_news(group):
    news_index = NewsIndexPage.objects.child_of(group).first()
    if news_index is not None and not NewsPage.objects.child_of(news_index).exists():
        publish_child(
            news_index,
            NewsPage(
                title="Beispielmeldung: So erscheinen Neuigkeiten des Arbeitskreises",
                slug="beispielmeldung",
                teaser="Beispielinhalt: Hier stehen später echte Neuigkeiten des Arbeitskreises.",
                body=[("paragraph", f"<p>{EXAMPLE_NOTE}</p>")],
            ),
        )


def ensure_example_content_page(home, report):
    return ensure_child(
        report,
        home,
        ContentPage,
        lambda: ContentPage(
            title="Fragen und Antworten (Beispielinhalt)",
            slug="fragen-und-antworten",
            teaser=EXAMPLE_NOTE,
            body=[
                ("heading", "Wie eine Seite mit Fragen und Antworten aussieht"),
                ("paragraph", f"<p>{EXAMPLE_NOTE}</p>"),
                (
                    "faq",
                    {
                        "title": "Beispielfragen",
                        "questions": [
                            {
                                "question": "Was ist ein Arbeitskreis Migration?",
                                "answer": "<p>Ein Netzwerk von Ämtern, Beratungsstellen und Trägern, die mit Migrantinnen und Migranten arbeiten.</p>",
                            },
                            {
                                "question": "Wer arbeitet mit?",
                                "answer": "<p>Die Mitglieder stehen auf der Seite des jeweiligen Arbeitskreises.</p>",
                            },
                        ],
                    },
                ),
            ],
        ),
        slug="fragen-und-antworten",
    )


# The operator's details are not in the seed: the demo shows where they appear, visibly as examples.
EXAMPLE_OPERATOR = {
    "name": "Beispiel: Name der Stelle, die die Website betreibt",
    "address": "Beispiel: Straße und Hausnummer\nBeispiel: Postleitzahl und Ort",
    "representative": "Beispiel: Name der vertretungsberechtigten Person",
    "email": "beispiel-betreiber@example.org",
    "phone": "Beispiel: Telefonnummer der Stelle",
    "supervisory_authority": "Beispiel: zuständige Aufsichtsbehörde",
    "data_protection_officer": "Beispiel: Datenschutzbeauftragte Person und wie man sie erreicht",
}


def ensure_example_operator_details():
    """Fill the operator's details with marked examples, unless an editor has entered any."""
    site = Site.objects.filter(is_default_site=True).first()
    details = OperatorDetails.for_site(site)
    if any(getattr(details, name) for name in EXAMPLE_OPERATOR):
        return
    for name, value in EXAMPLE_OPERATOR.items():
        setattr(details, name, value)
    details.save()


def add_to_menu(source_locale, page):
    """Add the example page to the German menu once (the menu itself comes from setup_site)."""
    menu = MainMenu.objects.filter(locale=source_locale).first()
    if menu is None or any(block.value["page"] and block.value["page"].pk == page.pk for block in menu.links):
        return
    menu.links.append(("link", {"page": page, "label": ""}))
    menu.save()


def counts():
    """What the demo consists of so far: German pages, events and directory entries, and placeholder pages."""
    german = {"locale__language_code": settings.LANGUAGE_CODE}
    return Counter(
        pages=Page.objects.filter(depth__gt=1, alias_of__isnull=True, **german).count(),
        events=EventPage.objects.filter(alias_of__isnull=True, **german).count(),
        entries=Organisation.objects.filter(**german).count(),
        aliases=Page.objects.filter(alias_of__isnull=False).count(),
    )


@transaction.atomic
def load_demo_content(progress=QUIET):
    """Build the demo site; ``progress`` (``demo.progress.Progress``) prints a line after each long step."""
    before = counts()
    home, groups, report = set_up_site()
    source_locale, locales = ensure_locales()
    other_languages = len(locales) - 1
    now = counts()
    progress.line(
        f"Grundausstattung ({source_locale.language_code}): {counted(now['pages'] - before['pages'], 'Seite', 'Seiten')} "
        f"und {counted(now['entries'] - before['entries'], 'Verzeichniseintrag', 'Verzeichniseinträge')} angelegt, "
        f"{counted(now['aliases'] - before['aliases'], 'Platzhalterseite', 'Platzhalterseiten')} "
        f"in {other_languages} Sprachen"
    )
    before = now
    for group in groups:
        ensure_example_news(group)
    faq = ensure_example_content_page(home, report)
    now = counts()
    progress.line(f"Beispielseiten ({source_locale.language_code}): {now['pages'] - before['pages']} angelegt")
    before = now
    load_demo_directory()
    now = counts()
    progress.line(
        f"Beispieleinträge im Verzeichnis ({source_locale.language_code}): {now['entries'] - before['entries']} angelegt"
    )
    before = now
    load_demo_events(groups)
    add_to_menu(source_locale, faq)
    ensure_example_operator_details()
    now = counts()
    progress.line(
        f"Beispielveranstaltungen ({source_locale.language_code}): {now['events'] - before['events']} angelegt"
    )
    before = now
    sync_locale_trees(source_locale, locales)
    now = counts()
    progress.line(f"Platzhalterseiten für {other_languages} Sprachen: {now['aliases'] - before['aliases']} angelegt")
    published = apply_demo_translations(progress)
    # The translations are published when the transaction commits (wagtail-localize publishes on commit).
    transaction.on_commit(lambda: progress.line(f"Übersetzungen veröffentlicht: {published}"))
    return home
