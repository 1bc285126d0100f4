"""Directory speed by size: ``.venv/bin/python bench/directory.py`` (about 10 minutes).

Seeds 100, 1,000 and 10,000 organisations into a throwaway database (a temporary
SQLite file, or a new PostgreSQL database when DATABASE_URL points at a server),
then measures in-process with Django's test client: the median server time of
the directory page (unfiltered, by language, text search, open now), a detail
page and the API list, and the SQL queries per request. Writes
bench/results/directory.json and prints a Markdown table (copied into
orgdirectory/README.md). Speed is measured here only; the tests assert the
query counts.

Options by environment: BENCH_SIZES ("100,1000,10000"), BENCH_REPEAT (15).
"""

import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "100,1000,10000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
RESULTS = ROOT / "bench" / "results" / "directory.json"
TOWNS = [("Lörrach", "loerrach"), ("Weil am Rhein", "loerrach"), ("Rheinfelden (Baden)", "loerrach"),
         ("Waldshut-Tiengen", "waldshut"), ("Bad Säckingen", "waldshut"), ("Wehr", "waldshut")]
LANGUAGE_SETS = [["de", "ar"], ["de", "tr", "ru"], ["de", "uk"], ["de", "fa", "ps"], ["de", "en", "fr"], ["de", "ti", "so"]]
WORDS = ["Beratung", "Sprachkurs", "Ausbildung", "Wohnung", "Aufenthalt", "Familie", "Arbeit", "Schule"]


def throwaway_database(workdir):
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: None
    import psycopg

    name = f"bench_dir_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return base.rsplit("/", 1)[0] + f"/{name}", drop


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from demo.loader import load_demo_content

    load_demo_content()


def seed(start, stop):
    """Add organisations ``start`` .. ``stop - 1`` in bulk (as published German entries, indexed for search)."""
    from django.conf import settings
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from orgdirectory.models import Category, Membership, OpeningInterval, Organisation, OrganisationLanguage, Region

    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    categories = list(Category.objects.filter(locale=german))
    regions = {region.slug: region for region in Region.objects.filter(locale=german)}
    groups = list(Page.objects.filter(locale=german, slug__startswith="ak-migration-"))
    created = Organisation.objects.bulk_create(
        [
            Organisation(
                key=f"bench-{number:05d}",
                name=f"Bench-Stelle {number:05d} {WORDS[number % len(WORDS)]}",
                locale=german,
                translation_key=uuid.uuid4(),
                live=True,
                category=categories[number % len(categories)],
                town=TOWNS[number % len(TOWNS)][0],
                county=regions.get(TOWNS[number % len(TOWNS)][1]),
                services=f"{WORDS[(number * 3) % len(WORDS)]}\n{WORDS[(number * 5) % len(WORDS)]}",
                description=f"<p>Hilfe zu {WORDS[(number * 7) % len(WORDS)]} und {WORDS[(number + 1) % len(WORDS)]}.</p>",
            )
            for number in range(start, stop)
        ],
        batch_size=500,
    )
    created = list(Organisation.objects.filter(key__in=[item.key for item in created]))
    intervals, languages, memberships = [], [], []
    for organisation in created:
        number = int(organisation.key.split("-")[1])
        if number % 2 == 0:
            for day in range(5):
                intervals.append(OpeningInterval(organisation=organisation, weekday=day, opens=clock(8), closes=clock(12)))
                intervals.append(OpeningInterval(organisation=organisation, weekday=day, opens=clock(14), closes=clock(16)))
        for code in LANGUAGE_SETS[number % len(LANGUAGE_SETS)]:
            languages.append(OrganisationLanguage(organisation=organisation, code=code))
        if number % 10 == 0 and groups:
            memberships.append(Membership(organisation=organisation, page=groups[number % len(groups)], position=number))
    OpeningInterval.objects.bulk_create(intervals, batch_size=1000)
    OrganisationLanguage.objects.bulk_create(languages, batch_size=1000)
    Membership.objects.bulk_create(memberships, batch_size=1000)
    get_search_backend().add_bulk(Organisation, created)


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings, queries = [], 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return {"median_ms": round(statistics.median(timings), 1), "queries": queries}


def main():
    workdir = Path(tempfile.mkdtemp(prefix="ak-bench-dir-"))
    database_url, drop = throwaway_database(workdir)
    try:
        setup_django(database_url)
        from django.db import connection
        from django.test import Client

        from orgdirectory.models import DirectoryPage, Organisation

        directory = DirectoryPage.objects.get(locale__language_code="de").url
        cases = {
            "directory": directory,
            "directory ?sprache=ar": directory + "?sprache=ar",
            "directory ?q=Wohnung": directory + "?q=Wohnung",
            "directory ?jetzt_offen=1": directory + "?jetzt_offen=1",
            "detail": directory + "bench-00002/",
            "API list": "/api/v2/organisations/?limit=20",
        }
        client = Client()
        results, existing = [], 0
        for size in SIZES:
            seed(existing, size)
            existing = size
            count = Organisation.objects.filter(locale__language_code="de").count()
            row = {"organisations": size, "total_entries": count, "cases": {}}
            for name, url in cases.items():
                row["cases"][name] = measure(client, url)
                print(f"{size:>6} {name:<26} {row['cases'][name]}", flush=True)
            results.append(row)
        report = {
            "database": connection.vendor,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPU",
            "repeat": REPEAT,
            "results": results,
        }
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print()
        print(markdown(report))
    finally:
        from django.db import connections

        connections.close_all()
        drop()


def markdown(report):
    names = list(report["results"][0]["cases"])
    lines = [
        f"Median server time in ms (SQL queries per request), {report['database']}, {report['machine']}, "
        f"median of {report['repeat']} requests:",
        "",
        "| Organisations | " + " | ".join(names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    for row in report["results"]:
        cells = [f"{row['cases'][name]['median_ms']} ({row['cases'][name]['queries']})" for name in names]
        lines.append(f"| {row['organisations']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
