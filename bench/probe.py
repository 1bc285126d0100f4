"""Finds the benchmark's URLs in the page tree and counts the SQL queries of one request to each.

Run by bench/run.py with the benchmark's environment (same database and settings as the
server). Prints one JSON object: {"urls": {name: path}, "queries": {name: count}}. Each URL is
requested twice through Django's test client and the second request is counted: the steady
state of a running server, after its per-process lookups (site root, locales) are cached.
"""

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

FIRST_CHOICE = re.compile(r'<select[^>]*name="(\w+)"[^>]*>\s*<option value="">[^<]*</option>\s*<option value="([^"]+)"')


def first_page(app_label, model_name):
    model = apps.get_model(app_label, model_name)
    return Page.objects.live().type(model).filter(locale__language_code="de").order_by("path").first()


def discover(client):
    home = first_page("home", "HomePage")
    group = first_page("home", "WorkingGroupPage")
    directory = first_page("orgdirectory", "DirectoryPage")
    calendar = first_page("events", "CalendarPage")
    urls = {"home": home.url, "working group": group.url}
    if directory:
        html = client.get(directory.url).content.decode()
        name, value = FIRST_CHOICE.search(html).groups()
        organisation = re.search(rf'href="({re.escape(directory.url)}[\w-]+/)"', html).group(1)
        urls.update({
            "directory": directory.url,
            "directory filtered": f"{directory.url}?{name}={value}",
            "directory search": f"{directory.url}?q=Beratung",
            "organisation": organisation,
        })
    if calendar:
        urls.update({
            "calendar list": calendar.url,
            "calendar month": f"{calendar.url}?ansicht=monat",
            "iCal feed": f"{calendar.url}feed.ics",
        })
    urls["API list"] = "/api/v2/organisations/"
    return urls


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    urls = discover(client)
    print(json.dumps({"urls": urls, "queries": {name: count_queries(client, path) for name, path in urls.items()}}))


if __name__ == "__main__":
    main()
