"""Optional two-factor login (TOTP) for the admin, on django-otp."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.two_factor import SESSION_KEY, current_token

pytestmark = pytest.mark.django_db

PASSWORD = "Zwei-Faktor-Test-2031"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("zweifaktor", "zf@example.org", PASSWORD, is_superuser=True)


def sign_in(client):
    response = client.post("/admin/login/", {"username": "zweifaktor", "password": PASSWORD})
    assert response.status_code == 302


def test_editor_without_device_uses_the_admin_as_before(client, editor):
    sign_in(client)
    assert client.get("/admin/").status_code == 200


def test_setup_then_every_login_asks_for_the_code(client, editor):
    sign_in(client)
    page = client.get("/admin/zwei-faktor/")
    assert page.status_code == 200
    assert re.search(r'class="two-factor-secret">([A-Z2-7 ]+)<', page.content.decode())
    key = client.session[SESSION_KEY]
    wrong = client.post("/admin/zwei-faktor/", {"token": "000000" if current_token(key) != "000000" else "111111"})
    assert "Der Code stimmt nicht" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()  # a wrong code stores nothing
    assert client.post("/admin/zwei-faktor/", {"token": current_token(key)}).status_code == 302
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed

    client.logout()
    sign_in(client)
    blocked = client.get("/admin/pages/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/admin/zwei-faktor/bestaetigen/")
    refused = client.post("/admin/zwei-faktor/bestaetigen/", {"token": "12345x", "next": "/admin/pages/"})
    assert refused.status_code == 200
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    accepted = client.post(
        "/admin/zwei-faktor/bestaetigen/", {"token": current_token(device.key), "next": "https://evil.example/"}
    )
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/"
    assert client.get("/admin/pages/").status_code == 200


def test_required_for_everyone_when_configured(client, editor, settings):
    settings.ADMIN_2FA_REQUIRED = True
    sign_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/zwei-faktor/"


def test_account_page_offers_two_factor_setup(client, editor):
    sign_in(client)
    assert "/admin/zwei-faktor/" in client.get("/admin/account/").content.decode()
