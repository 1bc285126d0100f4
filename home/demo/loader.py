"""Builds the demo site from the seed: idempotent, so a second run finds everything and changes nothing.

Pages that already exist are left as they are, so running the loader again never
overwrites what an editor has changed.
"""

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization as Sync
from wagtail_localize.synctree import synchronize_tree

from home.demo.events import load_demo_events
from home.editorial import ensure_editorial_setup
from home.models import (
    ContentPage,
    Footer,
    HomePage,
    MainMenu,
    NewsIndexPage,
    NewsPage,
    WorkingGroupPage,
)

from .directory import load_demo_directory
from .seed import load_seed
from .translations import apply_demo_translations

EXAMPLE_NOTE = "Beispielinhalt: Dieser Text stammt nicht von den Arbeitskreisen. Er zeigt nur, wie die Seite aussehen kann."


def paragraphs(sentences):
    return "".join(f"<p>{escape(sentence)}</p>" for sentence in sentences)


def ensure_locales():
    """Create the 13 content locales."""
    source, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    locales = [source]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            locales.append(Locale.objects.get_or_create(language_code=code)[0])
    return source, locales


def sync_locale_trees(source_locale, locales):
    """Every locale mirrors the German tree: untranslated pages become aliases of the German ones."""
    for locale in locales:
        if locale.pk == source_locale.pk:
            continue
        if not Sync.objects.filter(locale=locale).exists():
            Sync.objects.create(locale=locale, sync_from=source_locale)  # syncs on save
        else:
            synchronize_tree(source_locale, locale)


def add_child(parent, page):
    """Add ``page`` below ``parent`` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def child_by_slug(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def ensure_home_page(source_locale):
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    seed = load_seed()
    root = Page.get_first_root_node()
    home = child_by_slug(root, HomePage, "start")
    if home is None:
        home = add_child(
            root,
            HomePage(
                title="Arbeitskreise Migration in den Landkreisen Lörrach und Waldshut",
                slug="start",
                locale=source_locale,
                intro=paragraphs(seed.network),
            ),
        )
    old_root = site.root_page if site else None
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    if old_root is not None and old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home


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
    home = ensure_home_page(source_locale)
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
