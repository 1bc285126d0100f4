"""Production setup on a fresh database: what a real site needs, and no example content.

Runs manage.py as production does (its own process, production settings, an empty SQLite file),
so it also shows that every migration applies to a fresh database without the demo app.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SUMMARY = (
    "import json; from django.apps import apps; from django.contrib.auth.models import Group;"
    "from wagtail.models import Locale, Page, Site, WorkflowPage; from home.models import HomePage;"
    "site = Site.objects.get(is_default_site=True);"
    "print(json.dumps({'locales': sorted(Locale.objects.values_list('language_code', flat=True)),"
    "'root_is_home': isinstance(site.root_page.specific, HomePage),"
    "'home_versions': HomePage.objects.count(), 'pages': Page.objects.filter(depth__gt=1).count(),"
    "'groups': sorted(Group.objects.values_list('name', flat=True)),"
    "'home_workflows': WorkflowPage.objects.filter(page__depth=2).count(),"
    "'demo_installed': apps.is_installed('demo'),"
    "'organisations': apps.get_model('orgdirectory', 'Organisation').objects.count()}))"
)


def manage(tmp_path, *args):
    env = {
        **{name: value for name, value in os.environ.items() if name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEMO_CONTENT")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def summary(tmp_path):
    result = manage(tmp_path, "shell", "-c", SUMMARY)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_setup_site_prepares_a_fresh_production_database_without_example_content(tmp_path):
    migrated = manage(tmp_path, "migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    first = manage(tmp_path, "setup_site")
    assert first.returncode == 0, first.stderr
    state = summary(tmp_path)
    assert state["locales"] == sorted(["de", "en", "ar", "uk", "tr", "fa", "ps", "ti", "ku", "ru", "so", "fr", "ro"])
    assert state["root_is_home"]
    # The German home page and its twelve synchronised versions, and nothing else.
    assert state["home_versions"] == state["pages"] == 13
    assert {"Netzwerk-Administration", "Übersetzung"} <= set(state["groups"])
    assert state["home_workflows"] == 13  # review before publishing, on every language version
    assert not state["demo_installed"] and state["organisations"] == 0

    again = manage(tmp_path, "setup_site")
    assert again.returncode == 0, again.stderr
    assert summary(tmp_path) == state

    refused = manage(tmp_path, "load_demo_content")
    assert refused.returncode != 0 and "Unknown command" in refused.stderr
