"""Production setup on a fresh database: the real site from the seed, and no example content.

Runs manage.py as production does (its own process, production settings, an empty SQLite file
or a throwaway PostgreSQL database when ``DATABASE_URL`` points to PostgreSQL), so it also shows
that every migration applies to a fresh database without the demo app. Expectations about the
seed are read from the seed file itself, not from the code that builds the pages.
"""

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.servers import collected_static

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "operations" / "seed_de.txt"
LANGUAGES = ["de", "en", "ar", "uk", "tr", "fa", "ps", "ti", "ku", "ru", "so", "fr", "ro"]

SUMMARY = """
import json
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage
from home.models import HomePage, WorkingGroupPage
Organisation = apps.get_model('orgdirectory', 'Organisation')
site = Site.objects.get(is_default_site=True)
client = Client()
statuses, types, legal_missing, footers = {}, {}, [], set()
for page in Page.objects.live().public().filter(depth__gt=1).specific().select_related('locale'):
    response = client.get(page.url, secure=True)
    statuses[page.url] = response.status_code
    types.setdefault(type(page).__name__, set()).add(page.locale.language_code)
    body = response.content.decode()
    footers.add(body.count('/impressum/') >= 1 and body.count('/datenschutz/') >= 1 and body.count('/barrierefreiheit/') >= 1)
    if type(page).__name__ == 'LegalPage':
        legal_missing.append('notice--missing' in body)
    if type(page).__name__ == 'WorkingGroupPage':
        statuses[page.url + 'kontakt/'] = client.get(page.url + 'kontakt/', secure=True).status_code
for url in ('/sitemap.xml', '/robots.txt', '/de/suche/?q=Jobcenter', '/ar/suche/?q=Jobcenter'):
    statuses[url] = client.get(url, secure=True).status_code
texts = []
for page in Page.objects.filter(depth__gt=1).specific():
    texts.append(page.title)
    for name in ('teaser', 'intro', 'body', 'goals', 'background'):
        texts.append(str(getattr(page, name, '') or ''))
groups = WorkingGroupPage.objects.filter(locale__language_code='de').order_by('path')
print(json.dumps({
    'locales': sorted(Locale.objects.values_list('language_code', flat=True)),
    'root_is_home': isinstance(site.root_page.specific, HomePage),
    'pages_per_locale': {code: Page.objects.filter(locale__language_code=code, depth__gt=1).count()
                         for code in Locale.objects.values_list('language_code', flat=True)},
    'statuses': statuses,
    'types': {name: sorted(codes) for name, codes in types.items()},
    'legal_missing': legal_missing,
    'footers': sorted(footers),
    'example_texts': [text for text in texts if 'Beispiel' in text],
    'example_entries': list(Organisation.objects.filter(name__startswith='Beispiel').values_list('name', flat=True)),
    'entries': sorted(Organisation.objects.filter(locale__language_code='de').values_list('name', flat=True)),
    'group_texts': [page.intro + page.background + page.goals for page in groups],
    'group_members': [[block.value for block in page.members] for page in groups],
    'events': apps.get_model('events', 'EventPage').objects.count(),
    'news': apps.get_model('home', 'NewsPage').objects.count(),
    'users': get_user_model().objects.count(),
    'groups': sorted(Group.objects.values_list('name', flat=True)),
    'workflows': sorted(Workflow.objects.values_list('name', flat=True)),
    'home_workflows': WorkflowPage.objects.filter(page__depth=2).count(),
    'demo_installed': apps.is_installed('demo'),
}))
"""

EDIT_GROUP_TEXT = """
from home.models import WorkingGroupPage
page = WorkingGroupPage.objects.get(slug='ak-migration-waldshut', locale__language_code='de')
page.intro = '<p>Von der Redaktion geändert.</p>'
page.save_revision().publish()
print(WorkingGroupPage.objects.get(pk=page.pk).intro)
"""


@pytest.fixture
def production(tmp_path):
    """``manage(*args)`` under production settings on a new, empty database."""
    database_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    dropper = None
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"setup_{uuid.uuid4().hex[:10]}"
        base = configured.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        database_url = f"{base}/{name}"

        def dropper():
            with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    env = {
        **{name: value for name, value in os.environ.items() if name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEMO_CONTENT", "TEST_NOW")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org,testserver",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": collected_static(),
        "SECURE_SSL_REDIRECT": "false",
    }

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)

    yield manage
    if dropper is not None:
        dropper()


def run(manage, *args):
    result = manage(*args)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def summary(manage):
    return json.loads(run(manage, "shell", "-c", SUMMARY).strip().splitlines()[-1])


DUMP = """
import hashlib, json
from django.apps import apps
for model in sorted(apps.get_models(), key=lambda model: model._meta.label):
    if model._meta.app_label == 'sessions':
        continue
    rows = list(model._base_manager.order_by('pk').values())
    print(model._meta.label, len(rows), hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest())
"""


def dump(manage):
    """Every row of every table (sessions aside): per model the row count and a hash of all values."""
    return run(manage, "shell", "-c", DUMP)


def seed_paragraphs():
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_setup_site_builds_the_real_site_from_the_seed_and_nothing_invented(production):
    run(production, "migrate", "--no-input", "-v0")
    first = run(production, "setup_site")
    assert "Angelegt:" in first
    state = summary(production)

    assert state["locales"] == sorted(LANGUAGES)
    assert state["root_is_home"]
    # Every language has the same tree as German (translations or aliases of the German pages).
    assert len(set(state["pages_per_locale"].values())) == 1, state["pages_per_locale"]

    # Every public page answers in every language; every real page type is there in all 13.
    assert state["statuses"] and set(state["statuses"].values()) == {200}, {
        url: code for url, code in state["statuses"].items() if code != 200
    }
    for page_type in (
        "HomePage", "WorkingGroupPage", "NewsIndexPage", "EventIndexPage", "CalendarPage", "DirectoryPage", "LegalPage"
    ):
        assert state["types"].get(page_type) == sorted(LANGUAGES), page_type

    # The three legal pages in every language, linked from every footer, saying the operator's details are missing.
    assert len(state["legal_missing"]) == 3 * len(LANGUAGES) and all(state["legal_missing"])
    assert state["footers"] == [True]

    # The seed's own texts and member lists, word for word.
    paragraphs = seed_paragraphs()
    loerrach_text, loerrach_members, waldshut_members = paragraphs[2], paragraphs[3], paragraphs[6]
    all_text = " ".join(state["group_texts"])
    assert loerrach_text.split(". ")[1] in all_text
    assert "Forum der gegenseitigen Information aller Akteure und Mitwirkenden" in all_text
    members = [name.strip() for name in loerrach_members.rstrip(".").split(", ")]
    assert members in state["group_members"]
    institutions = set(members) | {name.strip() for name in waldshut_members.rstrip(".").split(", ")}
    assert state["entries"] == sorted(institutions)

    # Nothing invented: no example page, entry, event, news item or account.
    assert state["example_texts"] == [] and state["example_entries"] == []
    assert state["events"] == 0 and state["news"] == 0 and state["users"] == 0
    assert not state["demo_installed"]

    assert {"Netzwerk-Administration", "Übersetzung"} <= set(state["groups"])
    assert sum(name.endswith("– Redaktion") for name in state["groups"]) == 3
    assert sum(name.endswith("– Prüfung") for name in state["groups"]) == 3
    # one per section, the network's pages, the directory and the termbase
    assert len([name for name in state["workflows"] if name.startswith("Prüfung vor Veröffentlichung")]) == 6
    assert state["home_workflows"] == 13

    before = dump(production)
    again = run(production, "setup_site")
    assert "Angelegt:" not in again and "Unverändert gelassen" in again
    assert dump(production) == before  # the second run changed no row

    refused = production("load_demo_content")
    assert refused.returncode != 0 and "Unknown command" in refused.stderr


def test_setup_site_leaves_editors_changes_alone_and_says_so(production):
    run(production, "migrate", "--no-input", "-v0")
    run(production, "setup_site")
    assert "Von der Redaktion geändert." in run(production, "shell", "-c", EDIT_GROUP_TEXT)

    output = run(production, "setup_site")
    assert "Arbeitskreis: Arbeitskreis Migration des Landkreises Waldshut" in output
    assert "Unverändert gelassen" in output
    texts = summary(production)["group_texts"]
    assert any("Von der Redaktion geändert." in text for text in texts)
    assert not any("Forum der gegenseitigen Information" in text for text in texts)
