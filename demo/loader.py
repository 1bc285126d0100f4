"""Builds the demo site from the seed: idempotent, so a second run finds everything and changes nothing.

The steps a real site needs too (locales, home page, synchronised trees, editorial groups and
workflows) come from their own apps, as ``setup_site`` runs them in production; everything this
module adds on top is example content. Pages that already exist are left as they are, so running
the loader again never overwrites what an editor has changed.
"""

from django.db import transaction
from django.utils.html import escape

from demo.events import load_demo_events
from editorial.setup import ensure_editorial_setup
from home.models import (
    ContentPage,
    Footer,
    MainMenu,
    NewsIndexPage,
    NewsPage,
    WorkingGroupPage,
)
from home.site import ensure_home_page
from translations.locales import ensure_locales, sync_locale_trees

from .directory import load_demo_directory
from .seed import load_seed
from .translations import apply_demo_translations

EXAMPLE_NOTE = "Beispielinhalt: Dieser Text stammt nicht von den Arbeitskreisen. Er zeigt nur, wie die Seite aussehen kann."


def paragraphs(sentences):
    return "".join(f"<p>{escape(sentence)}</p>" for sentence in sentences)


def add_child(parent, page):
    """Add ``page`` below ``parent`` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def child_by_slug(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def ensure_demo_home_page(source_locale):
    """The site's home page, introduced with the network's own description from the seed."""
    seed = load_seed()
    return ensure_home_page(
        source_locale,
        title="Arbeitskreise Migration in den Landkreisen Lörrach und Waldshut",
        intro=paragraphs(seed.network),
    )


def ensure_working_group(home, group):
    page = child_by_slug(home, WorkingGroupPage, group.slug)
    if page is None:
        page = add_child(
            home,
            WorkingGroupPage(
                title=group.title,
                slug=group.slug,
                short_name=group.short_name,
                founded=group.founded,
                intro=paragraphs(group.intro),
                background=paragraphs(group.background),
                goals=paragraphs(group.goals),
                members=[("institution", name) for name in group.members],
            ),
        )
    news_index = child_by_slug(page, NewsIndexPage, "neuigkeiten")
    if news_index is None:
        news_index = add_child(page, NewsIndexPage(title="Neuigkeiten", slug="neuigkeiten"))
    if not NewsPage.objects.child_of(news_index).exists():
        add_child(
            news_index,
            NewsPage(
                title="Beispielmeldung: So erscheinen Neuigkeiten des Arbeitskreises",
                slug="beispielmeldung",
                teaser="Beispielinhalt: Hier stehen später echte Neuigkeiten des Arbeitskreises.",
                body=[("paragraph", f"<p>{EXAMPLE_NOTE}</p>")],
            ),
        )
    return page


def ensure_example_content_page(home):
    page = child_by_slug(home, ContentPage, "fragen-und-antworten")
    if page is None:
        page = add_child(
            home,
            ContentPage(
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
        )
    return page


def ensure_menu(source_locale, pages):
    menu = MainMenu.objects.filter(locale=source_locale).first()
    if menu is None:
        MainMenu.objects.create(
            locale=source_locale,
            links=[("link", {"page": page, "label": label}) for page, label in pages],
        )


def ensure_footer(source_locale):
    if not Footer.objects.filter(locale=source_locale).exists():
        Footer.objects.create(
            locale=source_locale,
            text="<p>AK Migration Hochrhein: die Arbeitskreise Migration der Landkreise Lörrach und Waldshut "
            "und ihre gemeinsame Projektgruppe.</p>",
        )


@transaction.atomic
def load_demo_content():
    seed = load_seed()
    source_locale, locales = ensure_locales()
    home = ensure_demo_home_page(source_locale)
    groups = [ensure_working_group(home, group) for group in seed.working_groups]
    faq = ensure_example_content_page(home)
    # The project group's members are the two working groups, not organisations: they stay a text list.
    directory = load_demo_directory(
        home, [(page, group.members) for page, group in zip(groups, seed.working_groups, strict=True) if group.county != "both"]
    )
    calendar = load_demo_events(home, groups)
    ensure_menu(
        source_locale,
        [(group, group.short_name) for group in groups] + [(calendar, ""), (directory, ""), (faq, "")],
    )
    ensure_footer(source_locale)
    sync_locale_trees(source_locale, locales)
    apply_demo_translations()
    ensure_editorial_setup(home, groups)
    return home
