"""Smaller holes of issue 14: lockout behind a proxy, password reset without SMTP, unlocking other people's
locks, Wagtail's starter groups."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission

from tests.test_directory_scope import login as login_as

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Rhein-Ufer-Fähre-2031"
PROXY = "10.0.0.2"


def settings_value(expression, settings_module="cms.settings.production", **environment):
    env = {
        **{name: value for name, value in os.environ.items() if name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_HOST")},
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        **environment,
    }
    code = f"from django.conf import settings; print(repr({expression}))"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # the shell may first say what it imported


def test_proxy_count_setting_makes_axes_read_the_forwarded_address():
    configured = settings_value(
        "(settings.AXES_IPWARE_PROXY_COUNT, settings.AXES_IPWARE_PROXY_ORDER, settings.AXES_IPWARE_META_PRECEDENCE_ORDER)",
        AXES_PROXY_COUNT="1",
    )
    assert configured == "(None, 'right-most', ('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR'))"
    without_proxy = settings_value("settings.AXES_IPWARE_META_PRECEDENCE_ORDER")
    assert without_proxy == "('REMOTE_ADDR',)"


def behind_proxy(visitor):
    """A client whose requests arrive from the proxy, which appends the visitor's address to X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor)


def test_lockout_behind_a_proxy_hits_only_the_guessing_visitor(settings, django_user_model):
    settings.AXES_IPWARE_PROXY_COUNT = None
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    django_user_model.objects.create_user("redakteurin", "r@example.org", PASSWORD, is_staff=True, is_superuser=True)
    guesser = behind_proxy("203.0.113.5")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = guesser.post("/admin/login/", {"username": "redakteurin", "password": "falsch-geraten-1"})
    assert response.status_code == 429
    # The guesser cannot escape by claiming another address in front of the proxy's entry.
    spoofed = behind_proxy("198.51.100.7, 203.0.113.5")
    assert spoofed.post("/admin/login/", {"username": "redakteurin", "password": PASSWORD}).status_code == 429
    colleague = behind_proxy("198.51.100.7")
    response = colleague.post("/admin/login/", {"username": "redakteurin", "password": PASSWORD})
    assert response.status_code == 302
    assert colleague.get("/admin/").status_code == 200


def test_production_without_smtp_has_no_password_reset_and_says_so():
    assert settings_value("settings.WAGTAIL_PASSWORD_RESET_ENABLED") == "False"
    assert settings_value("settings.WAGTAIL_PASSWORD_RESET_ENABLED", EMAIL_HOST="smtp.example.org") == "True"


def test_login_page_tells_that_password_reset_is_off(client, settings):
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = False
    html = client.get("/admin/login/").content.decode()
    assert "Das Zurücksetzen per E-Mail ist ausgeschaltet" in html
    assert reverse("wagtailadmin_password_reset") not in html
    assert client.get(reverse("wagtailadmin_password_reset"), follow=True).status_code == 404
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = True
    html = client.get("/admin/login/").content.decode()
    assert "Das Zurücksetzen per E-Mail ist ausgeschaltet" not in html
    assert reverse("wagtailadmin_password_reset") in html


def test_editor_cannot_unlock_a_reviewers_lock(working_groups_de):
    section = working_groups_de["ak-migration-waldshut"]
    reviewer, reviewer_client = login_as("pruef-wt", "AK Migration Waldshut – Prüfung")
    _editor, editor_client = login_as("red-wt", "AK Migration Waldshut – Redaktion")
    assert reviewer_client.post(reverse("wagtailadmin_pages:lock", args=[section.pk])).status_code == 302
    section.refresh_from_db()
    assert section.locked and section.locked_by == reviewer

    editor_client.post(reverse("wagtailadmin_pages:unlock", args=[section.pk]))

    section.refresh_from_db()
    assert section.locked and section.locked_by == reviewer
    reviewer_client.post(reverse("wagtailadmin_pages:unlock", args=[section.pk]))
    section.refresh_from_db()
    assert not section.locked


def test_wagtails_starter_groups_have_no_rights():
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        assert not group.permissions.exists()
        assert not GroupPagePermission.objects.filter(group=group).exists()
        assert not group.collection_permissions.exists()
