"""Seeded volume for the benchmark: 1,000 organisations and 10,000 events on top of the demo content.

Run by bench/run.py inside the benchmark's own throwaway database, never on a real one.
Every entry is visibly example data ("Beispiel" in the name, a note in the description);
it invents no addresses, phone numbers or people: only real town names of the two counties.
The numbers can be lowered for a quick run: BENCH_ORGANISATIONS, BENCH_EVENTS.
"""

import os
import random
import sys
from datetime import time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from events.models import EventCategory, EventIndexPage, EventPage  # noqa: E402
from events.timezone import local_now  # noqa: E402
from orgdirectory.models import Category, OpeningInterval, Organisation, OrganisationLanguage, Region  # noqa: E402

NOTE = "<p>Beispielinhalt für den Lasttest: Diesen Eintrag gibt es nicht wirklich.</p>"
TOWNS = [("Lörrach", "loerrach"), ("Weil am Rhein", "loerrach"), ("Rheinfelden (Baden)", "loerrach"),
         ("Waldshut-Tiengen", "waldshut"), ("Bad Säckingen", "waldshut"), ("Wehr", "waldshut")]
LANGUAGES = ["de", "en", "ar", "uk", "tr", "fa", "ru", "ti"]
ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", "1000"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))


def seed_organisations(locale, count, rng):
    categories = list(Category.objects.filter(locale=locale))
    regions = {region.slug: region for region in Region.objects.filter(locale=locale)}
    organisations = []
    for number in range(1, count + 1):
        town, county = rng.choice(TOWNS)
        organisations.append(Organisation(
            key=f"beispiel-last-{number:04d}",
            name=f"Beispiel-Beratungsstelle {number:04d} (Lasttest)",
            locale=locale,
            category=rng.choice(categories) if categories else None,
            description=NOTE,
            services="Beispiel: Beratung\nBeispiel: Begleitung",
            town=town,
            county=regions.get(county),
            live=True,
        ))
    Organisation.objects.bulk_create(organisations, batch_size=500)
    organisations = list(Organisation.objects.filter(key__startswith="beispiel-last-", locale=locale))
    intervals, languages = [], []
    for organisation in organisations:
        for weekday in range(rng.randint(2, 5)):
            intervals.append(OpeningInterval(organisation=organisation, weekday=weekday, opens=time(9), closes=time(12)))
        for code in rng.sample(LANGUAGES, 2):
            languages.append(OrganisationLanguage(organisation=organisation, code=code))
    OpeningInterval.objects.bulk_create(intervals, batch_size=1000)
    OrganisationLanguage.objects.bulk_create(languages, batch_size=1000)
    get_search_backend().add_bulk(Organisation, organisations)


def seed_events(locale, count, rng):
    """Single events spread over the year before and the year after today, across the working groups.

    Ten thousand pages one by one through ``add_child`` take a quarter of an hour; here the tree
    rows are written in bulk (paths computed as treebeard does), then each event's own row.
    """
    indexes = list(EventIndexPage.objects.filter(locale=locale))
    categories = list(EventCategory.objects.filter(locale=locale))
    content_type = ContentType.objects.get_for_model(EventPage)
    now = local_now().replace(minute=0, second=0, microsecond=0)
    next_step = {index.pk: index.numchild + 1 for index in indexes}
    events = []
    for number in range(1, count + 1):
        index = indexes[number % len(indexes)]
        start = now + timedelta(days=rng.randint(-365, 365), hours=rng.randint(-6, 6))
        title = f"Beispiel-Veranstaltung {number:05d} (Lasttest)"
        slug = f"beispiel-last-{number:05d}"
        event = EventPage(
            title=title, draft_title=title, slug=slug, locale=locale, content_type=content_type, live=True,
            path=EventPage._get_path(index.path, index.depth + 1, next_step[index.pk]), depth=index.depth + 1,
            numchild=0, url_path=f"{index.url_path}{slug}/", first_published_at=now, last_published_at=now,
            start=start, end=start + timedelta(hours=2), category=rng.choice(categories) if categories else None,
            description=NOTE, languages=rng.sample(LANGUAGES, 2), town=rng.choice(TOWNS)[0],
        )
        event.prepare_schedule()
        event.ical_fingerprint = event.schedule_fingerprint()
        next_step[index.pk] += 1
        events.append(event)
    page_rows = [Page(**{field.attname: getattr(event, field.attname) for field in Page._meta.concrete_fields
                         if field.attname != "id"}) for event in events]
    Page.objects.bulk_create(page_rows, batch_size=1000)
    for event, row in zip(events, page_rows, strict=True):
        event.page_ptr_id = event.id = row.pk
        event.save_base(raw=True, force_insert=True)  # the event's own table; the tree row exists
    for index in indexes:
        EventIndexPage.objects.filter(pk=index.pk).update(numchild=next_step[index.pk] - 1)


@transaction.atomic
def main():
    rng = random.Random(20131201)
    locale = Locale.objects.get(language_code="de")
    if not Organisation.objects.filter(key__startswith="beispiel-last-").exists():
        seed_organisations(locale, ORGANISATIONS, rng)
    if not EventPage.objects.filter(slug__startswith="beispiel-last-").exists():
        seed_events(locale, EVENTS, rng)
    print(f"seeded: {Organisation.objects.count()} organisations, {EventPage.objects.count()} event pages")


if __name__ == "__main__":
    main()
