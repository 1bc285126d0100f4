"""The demo site: ``setup_site``'s real content plus examples, each visibly marked as one.

Locales, home page, the working groups with the seed's texts, directory, calendar, menu,
footer, legal pages and the editorial setup come from ``operations.setup`` exactly as in
production; this module only adds example news, the example FAQ page, example directory
entries and example events, and stores the demo translations. Idempotent: pages that exist
are left as they are, so running the loader again never overwrites what an editor has changed.
"""

from django.db import transaction
from wagtail.models import Site

from demo.events import load_demo_events
from home.legal import OperatorDetails
from home.models import ContentPage, MainMenu, NewsIndexPage, NewsPage
from operations.content import ensure_child, publish_child
from operations.setup import set_up_site
from translations.locales import ensure_locales, sync_locale_trees

from .directory import load_demo_directory
from .translations import apply_demo_translations

EXAMPLE_NOTE = "Beispielinhalt: Dieser Text stammt nicht von den Arbeitskreisen. Er zeigt nur, wie die Seite aussehen kann."


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


@transaction.atomic
def load_demo_content():
    home, groups, report = set_up_site()
    source_locale, locales = ensure_locales()
    for group in groups:
        ensure_example_news(group)
    faq = ensure_example_content_page(home, report)
    load_demo_directory()
    load_demo_events(groups)
    add_to_menu(source_locale, faq)
    ensure_example_operator_details()
    sync_locale_trees(source_locale, locales)
    apply_demo_translations()
    return home
