"""Optional two-factor login (TOTP) for the admin, on django-otp, with recovery codes and an admin reset."""

import re

import pytest
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import recovery_codes
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
    assert client.post("/admin/zwei-faktor/", {"token": current_token(key)}).status_code == 200
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


# --- Recovery codes ---------------------------------------------------------------------------

CODE = re.compile(r"<li><code>([a-z2-7]{4}) ([a-z2-7]{4})</code></li>")
RECOVERY = "/admin/zwei-faktor/wiederherstellungscodes/"
VERIFY = "/admin/zwei-faktor/bestaetigen/"


def set_up_two_factor(client):
    """Sets up the authenticator app through the page, as an editor would; returns the recovery codes shown."""
    client.get("/admin/zwei-faktor/")
    response = client.post("/admin/zwei-faktor/", {"token": current_token(client.session[SESSION_KEY])})
    assert response.status_code == 200
    return ["".join(groups) for groups in CODE.findall(response.content.decode())]


def sign_in_again(client):
    client.logout()
    sign_in(client)
    blocked = client.get("/admin/pages/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY)


def test_setup_shows_ten_recovery_codes_once(client, editor):
    sign_in(client)
    codes = set_up_two_factor(client)
    assert len(codes) == len(set(codes)) == 10
    later = client.get(RECOVERY).content.decode()
    assert "Unbenutzte Wiederherstellungscodes: 10." in later
    assert not CODE.search(later) and not any(code[:4] in later for code in codes)
    assert "Unbenutzte Wiederherstellungscodes: 10." in client.get("/admin/zwei-faktor/").content.decode()


def test_a_recovery_code_replaces_the_app_code_once(client, editor):
    sign_in(client)
    code = set_up_two_factor(client)[3]
    sign_in_again(client)
    page = client.get(f"{VERIFY}?next=/admin/pages/").content.decode()
    assert "Wiederherstellungscodes ein" in page
    typed = f"{code[:4].upper()} {code[4:].upper()}"  # as read from paper: any case, with the space
    accepted = client.post(VERIFY, {"token": typed, "next": "/admin/pages/"}, follow=True)
    assert accepted.redirect_chain[-1][0] == "/admin/pages/"
    assert "Unbenutzte Codes: 9." in accepted.content.decode()

    sign_in_again(client)
    refused = client.post(VERIFY, {"token": code, "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert "Dieser Wiederherstellungscode ist ungültig oder wurde schon benutzt." in refused.content.decode()
    assert client.get("/admin/pages/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    sign_in(client)
    old_codes = set_up_two_factor(client)
    response = client.post(RECOVERY)
    new_codes = ["".join(groups) for groups in CODE.findall(response.content.decode())]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)

    sign_in_again(client)
    assert client.post(VERIFY, {"token": new_codes[0], "next": "/admin/"}).status_code == 302
    sign_in_again(client)
    refused = client.post(VERIFY, {"token": old_codes[0], "next": "/admin/"})
    assert "Dieser Wiederherstellungscode ist ungültig" in refused.content.decode()
    assert client.get("/admin/pages/").status_code == 302


def test_only_a_verified_session_can_make_new_codes(client, editor):
    sign_in(client)
    set_up_two_factor(client)
    before = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    sign_in_again(client)  # password only, no second factor yet
    response = client.post(RECOVERY)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == before


def test_account_menu_offers_new_codes_to_editors_with_two_factor(client, editor):
    sign_in(client)
    assert RECOVERY not in client.get("/admin/account/").content.decode()
    set_up_two_factor(client)
    assert RECOVERY in client.get("/admin/account/").content.decode()


def test_turning_two_factor_off_removes_the_recovery_codes(client, editor):
    sign_in(client)
    set_up_two_factor(client)
    client.post("/admin/zwei-faktor/", {"action": "disable"})
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert not TOTPDevice.objects.filter(user=editor).exists()


# --- A superuser resets another user's second factor ------------------------------------------

LOST_PHONE_PASSWORD = "Telefon-verloren-2031"


@pytest.fixture
def lost_phone(django_user_model):
    """An editor with authenticator app and recovery codes, who has lost both."""
    user = django_user_model.objects.create_user("handyweg", "hw@example.org", LOST_PHONE_PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=True)
    recovery_codes.issue(user)
    return user


def test_superuser_resets_a_lost_phone_and_the_editor_sets_up_a_new_one(client, editor, lost_phone, settings):
    settings.ADMIN_2FA_REQUIRED = True
    sign_in(client)
    set_up_two_factor(client)  # the superuser is bound by the rule, too
    reset_url = f"/admin/zwei-faktor/zuruecksetzen/{lost_phone.pk}/"
    assert reset_url in client.get("/admin/users/").content.decode()
    assert "handyweg" in client.get(reset_url).content.decode()
    done = client.post(reset_url, follow=True)
    assert "Die Zwei-Faktor-Anmeldung von handyweg ist zurückgesetzt." in done.content.decode()
    assert not TOTPDevice.objects.filter(user=lost_phone).exists()
    assert recovery_codes.remaining(lost_phone) == 0

    client.logout()
    assert client.post("/admin/login/", {"username": "handyweg", "password": LOST_PHONE_PASSWORD}).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/zwei-faktor/"
    assert len(set_up_two_factor(client)) == 10
    assert client.get("/admin/").status_code == 200


def test_only_superusers_may_reset_another_users_second_factor(client, lost_phone, django_user_model):
    manager = django_user_model.objects.create_user("benutzerverwaltung", "bv@example.org", PASSWORD)
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_user", "delete_user", "add_user"])
    )
    reset_url = f"/admin/zwei-faktor/zuruecksetzen/{lost_phone.pk}/"
    anonymous = client.post(reset_url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    assert client.post("/admin/login/", {"username": "benutzerverwaltung", "password": PASSWORD}).status_code == 302
    for response in (client.get(reset_url), client.post(reset_url)):
        # Wagtail answers PermissionDenied in the admin with its "no permission" message on the dashboard.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert reset_url not in client.get("/admin/users/").content.decode()
    assert TOTPDevice.objects.filter(user=lost_phone).exists()
    assert recovery_codes.remaining(lost_phone) == 10


def test_a_superuser_signed_in_with_the_password_alone_cannot_reset(client, editor, lost_phone):
    TOTPDevice.objects.create(user=editor, name="Authenticator-App", confirmed=True)
    sign_in(client)
    response = client.post(f"/admin/zwei-faktor/zuruecksetzen/{lost_phone.pk}/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=lost_phone).exists()


# --- Login lockout (django-axes) is unchanged by the second factor ----------------------------


def test_password_lockout_still_applies_and_no_recovery_code_gets_past_it(client, editor, settings):
    TOTPDevice.objects.create(user=editor, name="Authenticator-App", confirmed=True)
    code = recovery_codes.issue(editor)[0]
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "zweifaktor", "password": "falsch-geraten-123"})
    locked = client.post("/admin/login/", {"username": "zweifaktor", "password": PASSWORD})
    assert locked.status_code == 429
    refused = client.post(VERIFY, {"token": code, "next": "/admin/"})
    assert refused.status_code == 302 and refused["Location"].startswith("/admin/login/")
    assert recovery_codes.remaining(editor) == 10


def test_wrong_second_factor_codes_do_not_lock_the_password_login(client, editor, settings):
    TOTPDevice.objects.create(user=editor, name="Authenticator-App", confirmed=True)
    recovery_codes.issue(editor)
    sign_in(client)
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        assert client.post(VERIFY, {"token": "falschcode", "next": "/admin/"}).status_code == 200
    client.logout()
    sign_in(client)  # the password login is not locked by the wrong codes
