"""Demo content of the directory: the two counties, one entry per institution the seed names, three examples.

Site data, not part of the orgdirectory plugin: the plugin knows no region or institution.

The seed names institutions but gives no address, phone number or opening
hours, so those stay empty. Three extra entries, named "Beispiel: …" and saying
so in their description, show what opening hours and languages look like. Only
the town is given for them; they have no address, phone or e-mail.

Idempotent: what exists (matched by key or slug) is left as it is.
"""

from datetime import date, time

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from orgdirectory.models import (
    Category,
    DirectoryPage,
    Membership,
    OpeningException,
    OpeningInterval,
    Organisation,
    OrganisationLanguage,
    Region,
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

EXAMPLE_NOTE = (
    "<p>Beispieleintrag: Diese Einrichtung gibt es nicht. Der Eintrag zeigt nur, wie Öffnungszeiten "
    "und Sprachen der Beratung im Verzeichnis aussehen.</p>"
)

EXAMPLES = [
    {
        "key": "beispiel-migrationsberatung",
        "name": "Beispiel: Migrationsberatung mit Abendsprechstunde",
        "category": "beratung",
        "town": "Lörrach",
        "county": "loerrach",
        "services": "Beispiel: Beratung zu Aufenthalt und Familiennachzug\nBeispiel: Hilfe bei Anträgen",
        "hours": [(day, time(9), time(12)) for day in range(5)] + [(1, time(16), time(20))],
        "exceptions": [(date(2026, 12, 24), "Heiligabend"), (date(2026, 12, 31), "Silvester")],
        "languages": ["de", "ar", "fa", "tr"],
        "wheelchair_access": "ja",
    },
    {
        "key": "beispiel-sprachcafe",
        "name": "Beispiel: Sprachcafé",
        "category": "sprachkurs",
        "town": "Waldshut-Tiengen",
        "county": "waldshut",
        "services": "Beispiel: Deutsch üben im Gespräch",
        "hours": [(2, time(15), time(17)), (5, time(10), time(12))],
        "exceptions": [],
        "languages": ["de", "uk", "ru", "en"],
        "wheelchair_access": "teilweise",
    },
    {
        "key": "beispiel-jugendtreff",
        "name": "Beispiel: Jugendtreff mit Beratung",
        "category": "jugend",
        "town": "Rheinfelden (Baden)",
        "county": "loerrach",
        "services": "Beispiel: Hilfe bei der Suche nach einem Ausbildungsplatz",
        "hours": [(day, time(14), time(19)) for day in range(5)] + [(4, time(20), time(1), True)],
        "exceptions": [],
        "languages": ["de", "en", "ar", "ti", "so"],
        "wheelchair_access": "",
    },
]

DIRECTORY_INTRO = (
    "<p>Welche Stelle hilft bei meiner Frage? Hier finden Sie die Ämter, Beratungsstellen und anderen "
    "Einrichtungen der Arbeitskreise Migration. Sie können nach Sprache, Art der Hilfe und Ort suchen.</p>"
)

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def key_for(name):
    return slugify(name.translate(UMLAUTS))[:80].strip("-")


def county_in(name):
    if "Lörrach" in name:
        return "loerrach"
    if "Waldshut" in name:
        return "waldshut"
    return ""


def ensure_regions(locale):
    regions = {}
    for order, (slug, name) in enumerate(REGIONS):
        regions[slug], _created = Region.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "sort_order": order}
        )
    return regions


def ensure_categories(locale):
    categories = {}
    for order, (slug, name) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "sort_order": order}
        )
    return categories


def publish(organisation):
    organisation.save()
    organisation.save_revision().publish()
    return organisation


def ensure_seed_entries(locale, categories, regions, member_lists):
    """One entry per institution the seed names; an institution in both lists is one entry in both groups."""
    memberships = {}
    for page, names in member_lists:
        for position, name in enumerate(names, start=1):
            memberships.setdefault(name, []).append((page, position))
    existing = set(Organisation.objects.filter(locale=locale).values_list("key", flat=True))
    for name, groups in memberships.items():
        key = key_for(name)
        if key in existing:
            continue
        organisation = Organisation(
            key=key,
            name=name,
            locale=locale,
            category=categories.get(SEED_CATEGORIES.get(name, "")),
            county=regions.get(county_in(name)),
            live=True,
        )
        organisation.memberships = [Membership(page=page, position=position) for page, position in groups]
        publish(organisation)


def ensure_examples(locale, categories, regions):
    existing = set(Organisation.objects.filter(locale=locale).values_list("key", flat=True))
    for example in EXAMPLES:
        if example["key"] in existing:
            continue
        organisation = Organisation(
            key=example["key"],
            name=example["name"],
            locale=locale,
            category=categories[example["category"]],
            description=EXAMPLE_NOTE,
            services=example["services"],
            town=example["town"],
            county=regions[example["county"]],
            wheelchair_access=example["wheelchair_access"],
            opening_note="Beispiel: Termine auch nach Vereinbarung.",
            live=True,
        )
        organisation.opening_intervals = [
            OpeningInterval(weekday=item[0], opens=item[1], closes=item[2], closes_next_day=len(item) > 3)
            for item in example["hours"]
        ]
        organisation.opening_exceptions = [
            OpeningException(day=day, closed=True, note=note) for day, note in example["exceptions"]
        ]
        organisation.advice_languages = [OrganisationLanguage(code=code) for code in example["languages"]]
        publish(organisation)


def ensure_directory_page(home):
    page = DirectoryPage.objects.child_of(home).first()
    if page is None:
        page = DirectoryPage(
            title="Organisationsverzeichnis", slug="organisationsverzeichnis", intro=DIRECTORY_INTRO
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


@transaction.atomic
def load_demo_directory(home, member_lists):
    """Create the directory page below ``home`` and the entries; ``member_lists`` is ``[(group page, [names])]``."""
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    categories = ensure_categories(locale)
    regions = ensure_regions(locale)
    ensure_seed_entries(locale, categories, regions, member_lists)
    ensure_examples(locale, categories, regions)
    return ensure_directory_page(home)
