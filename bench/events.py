"""Benchmark of the event calendar: server time and SQL queries for 100, 1,000 and 10,000 events.

A fifth of the events are weekly series (half of them without an end). Runs in a
throwaway SQLite database (or the PostgreSQL server in BENCH_DATABASE_URL), with
the demo site around it, and prints the median server time and the number of
queries of the list view, the month view, the full iCalendar feed and the API.

    .venv/bin/python bench/events.py [--sizes 100,1000,10000] [--repeat 5]

Results are written to bench/results/events.json.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from demo.loader import load_demo_content

    load_demo_content()


def seed(target, indexes, counter):
    """Add events until there are ``target`` benchmark events (no revisions: the editor path is not measured)."""
    from events.models import EventPage
    from events.recurrence import Repeat
    from events.timezone import local_now, start_of_day

    today = local_now().date()
    towns = ["Lörrach", "Waldshut-Tiengen", "Rheinfelden", "Bad Säckingen", "online"]
    languages = [["de"], ["de", "ar"], ["de", "uk"], ["de", "tr", "fa"], ["de", "en"]]
    while counter[0] < target:
        number = counter[0]
        day = today + timedelta(days=number % 365)
        start = start_of_day(day) + timedelta(hours=9 + number % 10)
        recurring = number % 5 == 0
        page = EventPage(
            title=f"Benchmark {number}",
            slug=f"benchmark-{number}",
            start=start,
            end=start + timedelta(hours=2),
            repeat=Repeat.WEEKLY if recurring else Repeat.NONE,
            repeat_count=10 if recurring and number % 10 == 0 else None,
            town=towns[number % len(towns)],
            languages=languages[number % len(languages)],
            description="<p>Benchmark</p>",
        )
        indexes[number % len(indexes)].add_child(instance=page)
        counter[0] += 1


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    timings, queries = [], None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(timings) * 1000, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="bench-events-"))
    setup_django(workdir)
    from django.test import Client

    from events.models import CalendarPage, EventIndexPage
    from events.timezone import local_now

    indexes = list(EventIndexPage.objects.filter(locale__language_code="de"))
    calendar = CalendarPage.objects.get(locale__language_code="de")
    today = local_now().date()
    views = {
        "Liste": calendar.url,
        "Monat": calendar.url + f"?ansicht=monat&monat={today:%Y-%m}",
        "iCal-Feed": calendar.url + "feed.ics",
        "API (30 Tage)": f"/api/events/occurrences/?start={today}&end={today + timedelta(days=30)}",
    }
    client = Client(HTTP_HOST="localhost")
    counter = [0]
    results = []
    for size in sizes:
        started = time.perf_counter()
        seed(size, indexes, counter)
        print(f"{size} Veranstaltungen angelegt ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        for name, url in views.items():
            milliseconds, queries = measure(client, url, args.repeat)
            results.append({"events": size, "view": name, "median_ms": round(milliseconds, 1), "queries": queries})
            print(f"{size:>6} {name:<14} {milliseconds:>9.1f} ms {queries:>4} Abfragen")

    output = ROOT / "bench" / "results" / "events.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({"database": os.environ["DATABASE_URL"].split(":")[0], "results": results}, indent=2))
    print("\n| Veranstaltungen | Ansicht | Median (ms) | SQL-Abfragen |\n| ---: | --- | ---: | ---: |")
    for row in results:
        print(f"| {row['events']:,} | {row['view']} | {row['median_ms']} | {row['queries']} |")


if __name__ == "__main__":
    main()
