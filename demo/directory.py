"""Example entries of the directory: three, named "Beispiel: …" and saying so in their description.

Site data, not part of the orgdirectory plugin. The real part of the directory (the counties,
the kinds of help and one entry per institution the seed names) comes from ``setup_site``
(``operations/content.py``); these examples only show what opening hours and languages look
like. Only the town is given for them; they have no address, phone or e-mail.

Idempotent: what exists (matched by key) is left as it is.
"""

from datetime import date, time

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from operations.content import key_for  # noqa: F401 - key_for: used by tests
from orgdirectory.models import (
    Category,
    OpeningException,
    OpeningInterval,
    Organisation,
    OrganisationLanguage,
    Region,
)

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

def publish(organisation):
    organisation.save()
    organisation.save_revision().publish()
    return organisation


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


@transaction.atomic
def load_demo_directory():
    """The example entries, in the categories and regions setup_site created."""
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    categories = {category.slug: category for category in Category.objects.filter(locale=locale)}
    regions = {region.slug: region for region in Region.objects.filter(locale=locale)}
    ensure_examples(locale, categories, regions)
