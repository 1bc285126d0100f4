"""Editor accounts: login lockout, strong passwords, password reset by e-mail, no default accounts."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

PASSWORD = "Rhein-Ufer-Fähre-2031"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "redakteurin", "redakteurin@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


def login(client, password):
    return client.post("/admin/login/", {"username": "redakteurin", "password": password})


def test_correct_password_logs_in(client, editor):
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_wrong_passwords_lock_the_login(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "falsch-geraten-123")
        assert response.status_code == 200  # the form again, with an error
    response = login(client, "falsch-geraten-123")
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    # Now even the right password is refused until the cool-off time has passed.
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_short_and_common_passwords_are_refused(editor):
    for weak in ("kurz1", "passwort123", "123456789012", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak, editor)
    validate_password("Schwarzwald-Bahn-1887", editor)


def test_password_reset_by_email(client, editor):
    assert client.get("/admin/password_reset/").status_code == 200
    response = client.post("/admin/password_reset/", {"email": "redakteurin@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/admin/password_reset/confirm/[^\s]+/", mail.outbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    response = client.post(set_password_url, {"new_password1": "Neues-Passwort-Hochrhein-7", "new_password2": "Neues-Passwort-Hochrhein-7"})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Neues-Passwort-Hochrhein-7")


def test_ensure_admin_refuses_without_explicit_password_in_production(settings, monkeypatch, django_user_model):
    settings.REQUIRE_EXPLICIT_ADMIN_PASSWORD = True
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("ADMIN_USERNAME", "betrieb-test")
    with pytest.raises(CommandError, match="ADMIN_PASSWORD"):
        call_command("ensure_admin")
    monkeypatch.setenv("ADMIN_PASSWORD", "kurz")
    with pytest.raises(CommandError):
        call_command("ensure_admin")
    assert not django_user_model.objects.filter(username="betrieb-test").exists()
    monkeypatch.setenv("ADMIN_PASSWORD", "Ein-langes-Betriebs-Passwort-42")
    call_command("ensure_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert django_user_model.objects.get(username="betrieb-test").check_password("Ein-langes-Betriebs-Passwort-42")


def test_example_accounts_include_a_translator_and_print_an_aligned_table(monkeypatch, settings):
    """`make run` prints one row per example account; each logs in with the printed password."""
    from io import StringIO

    from django.test import Client

    out = StringIO()
    monkeypatch.setenv("EXAMPLE_USERS_PASSWORD", "Beispiel-Passwort-Hochrhein-3")
    call_command("ensure_example_users", stdout=out)
    rows = [line for line in out.getvalue().splitlines() if line.startswith("  ")]
    assert len(rows) == 7  # editor and reviewer of each of the three working groups, one translator
    assert len({line.index(" beispiel-") for line in rows}) == 1
    assert len({line.rindex(" ") for line in rows}) == 1
    translator = [line.split()[-2] for line in rows if line.strip().startswith("Übersetzung")]
    assert translator == ["beispiel-uebersetzung"]
    client = Client()
    assert client.login(username="beispiel-uebersetzung", password="Beispiel-Passwort-Hochrhein-3")
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_printed_names_the_address_actually_served(monkeypatch, settings):
    from io import StringIO

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    monkeypatch.setenv("ADMIN_PASSWORD", "Ein-langes-Entwicklungs-Passwort-42")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    assert "Redaktion: http://127.0.0.1:8123/admin/" in out.getvalue()
