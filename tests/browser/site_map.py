"""The public URLs of a running test site, read from its own page tree.

The browser tests check one page of each type in several languages. Which URL that is
depends on the demo content and on the other apps, so it is asked of the site's database
(in a subprocess with the server's environment) instead of being written into the tests.
A page type that does not exist (yet) is simply missing from the map.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (name, app label, model name) of the page types the quality tests visit.
PAGE_TYPES = [
    ("home", "home", "HomePage"),
    ("working_group", "home", "WorkingGroupPage"),
    ("content", "home", "ContentPage"),
    ("directory", "orgdirectory", "DirectoryPage"),
    ("calendar", "events", "CalendarPage"),
    ("event", "events", "EventPage"),
    ("legal", "home", "LegalPage"),
]
# Not a page type, but a page of its own: the site search with results (home/public/search.py).
SEARCH_QUERY = "Beispiel"

SCRIPT = """
import json, sys
import django
django.setup()
from django.apps import apps
from wagtail.models import Page

page_types, languages, search_query = json.loads(sys.argv[1])
found = {}
for language in languages:
    urls = found.setdefault(language, {})
    for name, app_label, model_name in page_types:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        pages = Page.objects.live().type(model).filter(locale__language_code=language).order_by("path")
        # The example FAQ page ("fragen-und-antworten") is the content page worth checking.
        # The privacy statement (with its cookie table) is the legal page worth checking.
        page = (pages.filter(url_path__contains="fragen").first() or pages.filter(url_path__contains="datenschutz").first()
                or pages.first())
        if page is not None:
            urls[name] = page.url
    urls["search"] = f"/{language}/suche/?q=%s" % search_query
print(json.dumps(found))
"""

_cache = {}


def discover(live_site, languages=("de", "ar", "ti")):
    """{language: {page type: path}} of the site served at ``live_site.url``."""
    key = (live_site.url, tuple(languages))
    if key not in _cache:
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, json.dumps([PAGE_TYPES, list(languages), SEARCH_QUERY])],
            cwd=ROOT,
            env=live_site.env,
            capture_output=True,
            text=True,
            check=True,
        )
        _cache[key] = json.loads(result.stdout.strip().splitlines()[-1])
    return _cache[key]
