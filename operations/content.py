"""The real content a new installation starts with, taken from the working groups' own description.

Everything here comes from the seed (``seed_de.txt``) or is the empty frame editors fill
(news and event indexes, directory, calendar, menu, footer). Nothing is invented: the seed
names institutions but no addresses or people, so directory entries have a name, a kind of
help and a county only. Whatever already exists is left exactly as it is (an editor may have
changed it); the :class:`Report` says what was created and what was left alone.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.text import slugify

from events.models import CalendarPage, EventIndexPage
from home.legal import LEGAL_PAGES
from home.models import Footer, HomePage, LegalPage, MainMenu, NewsIndexPage, WorkingGroupPage
from home.site import ensure_home_page
from orgdirectory.models import Category, DirectoryPage, Membership, Organisation, Region

from .seed import load_seed

HOME_TITLE = "Arbeitskreise Migration in den Landkreisen Lörrach und Waldshut"
FOOTER_TEXT = (
    "<p>AK Migration Hochrhein: die Arbeitskreise Migration der Landkreise Lörrach und Waldshut "
    "und ihre gemeinsame Projektgruppe.</p>"
)
DIRECTORY_INTRO = (
    "<p>Welche Stelle hilft bei meiner Frage? Hier finden Sie die Ämter, Beratungsstellen und anderen "
    "Einrichtungen der Arbeitskreise Migration. Sie können nach Sprache, Art der Hilfe und Ort suchen.</p>"
)
CALENDAR_INTRO = (
    "<p>Alle Veranstaltungen der Arbeitskreise: Infoabende, Sprachcafés, Beratung und Treffen. "
    "Sie können den Kalender auch auf Ihrem Handy abonnieren.</p>"
)

CATEGORIES = [
    ("beratung", "Beratung"),
    ("behoerde", "Behörde"),
    ("sprachkurs", "Sprachkurs"),
    ("arbeit-und-ausbildung", "Arbeit und Ausbildung"),
    ("bildung", "Bildung"),
    ("wohnen", "Wohnen"),
    ("gesundheit", "Gesundheit"),
    ("jugend", "Jugend"),
    ("netzwerk", "Netzwerk und Koordination"),
]

# The two counties of the working groups (``Region`` rows: slug, German name).
REGIONS = [("loerrach", "Landkreis Lörrach"), ("waldshut", "Landkreis Waldshut")]

# The kind of help of each institution the seed names (a classification, not a fact about it).
SEED_CATEGORIES = {
    "Agentur für Arbeit": "arbeit-und-ausbildung",
    "Jobcenter": "arbeit-und-ausbildung",
    "Ausländerbehörden": "behoerde",
    "Integrationsbeauftragter des Landkreises": "beratung",
    "Internationale Kommission der Stadt Lörrach": "netzwerk",
    "Jugendmigrationsdienste": "jugend",
    "Migrationserstberatung für erwachsene Zuwanderer": "beratung",
    "Regierungspräsidium Freiburg": "behoerde",
    "Regionalkoordinator des Bundesamtes für Migration und Flüchtlinge": "behoerde",
    "Sozialer Arbeitskreis (SAK) Lörrach": "beratung",
    "Sprachkursträger": "sprachkurs",
    "Wohnbaugesellschaften": "wohnen",
    "Vertreter der Arbeitskreise Integration aus den kreisangehörigen Städten und Gemeinden": "netzwerk",
    "Vertreter der Schubert-Durand-Stiftung": "netzwerk",
    "Koordinatorin der Fachkräfteallianz": "arbeit-und-ausbildung",
    "Leiterin der Bildungsregion Landkreis Lörrach": "bildung",
    "Leitung des Sozialdezernates des Landkreises Lörrach": "behoerde",
    "Schulamt": "bildung",
    "Gewerbeschulen": "bildung",
    "Vertreter der Polizeidirektion": "behoerde",
    "Untere Aufnahmebehörde": "behoerde",
    "Sozialdezernentin des Landkreises Waldshut": "behoerde",
}

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass
class Report:
    """What a setup run created and what it found and left as it was."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def note(self, created, label):
        (self.created if created else self.kept).append(label)


def paragraphs(sentences):
    return "".join(f"<p>{escape(sentence)}</p>" for sentence in sentences)


def key_for(name):
    return slugify(name.translate(UMLAUTS))[:80].strip("-")


def county_in(name):
    if "Lörrach" in name:
        return "loerrach"
    if "Waldshut" in name:
        return "waldshut"
    return ""


def publish_child(parent, page):
    """Add ``page`` below ``parent`` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child(report, parent, model, build, **match):
    """The ``model`` page below ``parent`` that has ``match`` (its slug, or its kind, or only its type: an
    editor may have changed the slug since); created from ``build()`` only when there is none."""
    page = model.objects.child_of(parent).filter(**match).first()
    created = page is None
    if created:
        page = publish_child(parent, build())
    report.note(created, f"{model._meta.verbose_name}: {page.title}")
    return page


def ensure_real_home_page(source_locale, report):
    existed = HomePage.objects.filter(locale=source_locale).exists()
    home = ensure_home_page(source_locale, title=HOME_TITLE, intro=paragraphs(load_seed().network))
    report.note(not existed, f"{HomePage._meta.verbose_name}: {home.title}")
    return home


def ensure_working_groups(home, report):
    pages = []
    for group in load_seed().working_groups:
        page = ensure_child(
            report,
            home,
            WorkingGroupPage,
            lambda group=group: WorkingGroupPage(
                title=group.title,
                slug=group.slug,
                short_name=group.short_name,
                founded=group.founded,
                intro=paragraphs(group.intro),
                background=paragraphs(group.background),
                goals=paragraphs(group.goals),
                members=[("institution", name) for name in group.members],
            ),
            slug=group.slug,
        )
        ensure_child(report, page, NewsIndexPage, lambda: NewsIndexPage(title="Neuigkeiten", slug="neuigkeiten"), slug="neuigkeiten")
        ensure_child(
            report, page, EventIndexPage, lambda: EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"), slug="veranstaltungen"
        )
        pages.append(page)
    return pages


def ensure_calendar_page(home, report):
    return ensure_child(
        report, home, CalendarPage,
        lambda: CalendarPage(title="Veranstaltungskalender", slug="veranstaltungskalender", intro=CALENDAR_INTRO),
    )


def ensure_directory_page(home, report):
    return ensure_child(
        report, home, DirectoryPage,
        lambda: DirectoryPage(title="Organisationsverzeichnis", slug="organisationsverzeichnis", intro=DIRECTORY_INTRO),
    )


def ensure_legal_pages(home, report):
    """Impressum, privacy and accessibility statement (their text is generated; the operator's details come from the admin)."""
    for kind, title, slug in LEGAL_PAGES:
        ensure_child(
            report, home, LegalPage,
            lambda kind=kind, title=title, slug=slug: LegalPage(title=title, slug=slug, kind=kind, show_in_menus=False),
            kind=kind,
        )


def ensure_rows(model, locale, rows, report):
    found = {}
    for order, (slug, name) in enumerate(rows):
        found[slug], created = model.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "sort_order": order}
        )
        report.note(created, f"{model._meta.verbose_name}: {found[slug].name}")
    return found


def ensure_seed_entries(locale, groups, report):
    """One entry per institution the seed names; an institution in both lists is one entry in both groups.

    The project group's members are the two working groups, not organisations: they stay a text list.
    """
    categories = ensure_rows(Category, locale, CATEGORIES, report)
    regions = ensure_rows(Region, locale, REGIONS, report)
    memberships = {}
    for page, group in zip(groups, load_seed().working_groups, strict=True):
        if group.county == "both":
            continue
        for position, name in enumerate(group.members, start=1):
            memberships.setdefault(name, []).append((page, position))
    existing = set(Organisation.objects.filter(locale=locale).values_list("key", flat=True))
    for name, places in memberships.items():
        key = key_for(name)
        if key in existing:
            report.kept.append(f"{Organisation._meta.verbose_name}: {name}")
            continue
        organisation = Organisation(
            key=key,
            name=name,
            locale=locale,
            category=categories.get(SEED_CATEGORIES.get(name, "")),
            county=regions.get(county_in(name)),
            live=True,
        )
        organisation.memberships = [Membership(page=page, position=position) for page, position in places]
        organisation.save()
        organisation.save_revision().publish()
        report.created.append(f"{Organisation._meta.verbose_name}: {name}")
    return categories, regions


def ensure_menu(source_locale, links, report):
    """The German main menu, if there is none: working groups, calendar, directory."""
    created = not MainMenu.objects.filter(locale=source_locale).exists()
    if created:
        MainMenu.objects.create(
            locale=source_locale, links=[("link", {"page": page, "label": label}) for page, label in links]
        )
    report.note(created, str(MainMenu._meta.verbose_name))


def ensure_footer(source_locale, report):
    created = not Footer.objects.filter(locale=source_locale).exists()
    if created:
        Footer.objects.create(locale=source_locale, text=FOOTER_TEXT)
    report.note(created, str(Footer._meta.verbose_name))


def ensure_real_content(source_locale, report):
    """Home, sections, directory (with the seed's institutions), calendar, menu and footer in German."""
    home = ensure_real_home_page(source_locale, report)
    groups = ensure_working_groups(home, report)
    calendar = ensure_calendar_page(home, report)
    directory = ensure_directory_page(home, report)
    ensure_legal_pages(home, report)
    ensure_seed_entries(source_locale, groups, report)
    ensure_menu(source_locale, [(group, group.short_name) for group in groups] + [(calendar, ""), (directory, "")], report)
    ensure_footer(source_locale, report)
    return home, groups
