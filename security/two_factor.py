"""Optional two-factor login (TOTP) for the Wagtail admin, built on django-otp, with recovery codes.

An editor sets up an authenticator app under "Konto" (the key is shown as text; no QR code
library, no JavaScript), gets single-use recovery codes (cms/recovery_codes.py) and from then on
the admin asks for the six-digit code, or one recovery code, after the password. With
ADMIN_2FA_REQUIRED=true every editor must set it up before using the admin. A superuser can
reset another user's second factor from the user listing (a lost phone needs no shell).

Why not wagtail-2fa 1.8.0 (tried against this site in November 2026). It installs cleanly (it
requires Django>=5.2, Wagtail>=7.0, django-otp>=1.7.0, qrcode, six; ``pip install --dry-run`` adds
only qrcode 8.2, downgrading nothing), and with it wired in tests/browser/test_production_csp.py
passed, its QR code and code pages included, without a CSP violation. It still fails the site:
- Its sign-in form accepts no code at all with django-otp 1.7.5: ``wagtail_2fa.forms.TokenForm``
  has no ``otp_device`` field, and django-otp 1.7.5 no longer tries every device, so every code,
  right or wrong, fails with "Please select a device." (recovery codes as well).
- Optional mode protects nobody: with WAGTAIL_2FA_REQUIRED=False its middleware checks no one, so
  an editor who set up a device signs in with the password alone
  (test_setup_then_every_login_asks_for_the_code: GET /admin/pages/ gave 200, not the redirect).
  Its per-permission middleware cannot make it optional for superusers (they hold every
  permission: GET /admin/ went to /admin/2fa/devices/new).
- It has no German catalogue: the German admin shows "Enter your two-factor authentication code",
  "Two Factor Settings", "Current password", and its msgids are English, while this site's
  catalogues have German msgids and 12 languages.
- With WAGTAIL_2FA_REQUIRED=True it checks every URL, not only /admin/: an unverified editor who
  opens /de/ is sent to /admin/2fa/devices/new. It has no recovery codes and uses Wagtail's
  deprecated ``UserListingButton`` (RemovedInWagtail80Warning).
So the site keeps this module; recovery codes and the reset use django-otp's own otp_static.
"""

import base64
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from security import recovery_codes

SESSION_KEY = "two_factor_pending_key"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus Ihrer Authenticator-App"),
        min_length=6,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class VerifyForm(TokenForm):
    """The code at sign-in: from the app, or a recovery code (letters and digits, so no number keypad)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].label = _("Code aus Ihrer Authenticator-App oder Wiederherstellungscode")
        self.fields["token"].widget.attrs.pop("inputmode")


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _readable_key(hex_key):
    secret = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), secret


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _is_app_code(token):
    """Six digits come from the authenticator app; anything else is taken as a recovery code.

    Each kind is checked only against its own device, so a mistyped app code does not count as
    a failed recovery code in django-otp's throttling (and the other way round).
    """
    return len(token) == 6 and token.isdigit()


def _show_codes(request, codes):
    """The new recovery codes, in the answer to the POST that made them: shown once, never stored in the session."""
    return render(request, "cms/two_factor_recovery_codes.html", {"codes": codes, "remaining": len(codes)})


@login_required
def verify(request):
    device_list = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not device_list:
        return redirect("two_factor_setup")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split())
        if _is_app_code(token):
            device = next((device for device in device_list if device.verify_token(token)), None)
            error = _("Der Code stimmt nicht oder ist abgelaufen. Bitte geben Sie den aktuellen Code ein.")
        else:
            device = recovery_codes.use(request.user, token)
            error = _("Dieser Wiederherstellungscode ist ungültig oder wurde schon benutzt.")
        if device is not None:
            otp_login(request, device)
            if not _is_app_code(token):
                messages.warning(
                    request,
                    _(
                        "Sie haben sich mit einem Wiederherstellungscode angemeldet; er gilt jetzt nicht mehr. "
                        "Unbenutzte Codes: %(count)s."
                    )
                    % {"count": recovery_codes.remaining(request.user)},
                )
            return redirect(_safe_next(request))
        form.add_error("token", error)
    return render(request, "cms/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@never_cache
@login_required
def setup(request):
    has_device = has_authenticator(request.user)
    if has_device and request.method == "POST" and request.POST.get("action") == "disable":
        if request.user.is_verified():
            recovery_codes.remove_second_factor(request.user)
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
        return redirect("two_factor_setup")
    if has_device:
        return render(
            request,
            "cms/two_factor_setup.html",
            {"active": True, "remaining": recovery_codes.remaining(request.user)},
        )
    key = request.session.get(SESSION_KEY)
    if not key:
        key = request.session[SESSION_KEY] = default_key()
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(bytes.fromhex(key))
        # Checked without a device: a wrong code must not store (and so confirm) anything.
        token = form.cleaned_data["token"].replace(" ", "")
        if token.isdigit() and totp.verify(int(token), tolerance=1):
            device = TOTPDevice.objects.create(
                user=request.user, key=key, name=str(_("Authenticator-App")), confirmed=True, last_t=totp.t()
            )
            del request.session[SESSION_KEY]
            otp_login(request, device)
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
            return _show_codes(request, recovery_codes.issue(request.user))
        form.add_error("token", _("Der Code stimmt nicht. Prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt."))
    grouped, secret = _readable_key(key)
    issuer = quote(settings.WAGTAIL_SITE_NAME)
    uri = f"otpauth://totp/{issuer}:{quote(request.user.get_username())}?secret={secret}&issuer={issuer}"
    return render(request, "cms/two_factor_setup.html", {"form": form, "secret": grouped, "uri": uri})


@never_cache
@login_required
def recovery(request):
    """Recovery codes: how many are left, and new ones on request (the old ones stop working).

    Not exempt from RequireVerifiedAdminMiddleware: only a verified session can make new codes.
    """
    if not has_authenticator(request.user):
        return redirect("two_factor_setup")
    if request.method == "POST":
        return _show_codes(request, recovery_codes.issue(request.user))
    return render(request, "cms/two_factor_recovery_codes.html", {"remaining": recovery_codes.remaining(request.user)})


@never_cache
@login_required
def reset_for_user(request, user_id):
    """A superuser removes another user's second factor, e.g. after a lost phone.

    The user then signs in with the password alone and sets up a new device. Only superusers:
    the permission to edit users is not enough, as it would let an editor switch off another
    account's protection.
    """
    if not request.user.is_superuser:
        raise PermissionDenied
    account = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        recovery_codes.remove_second_factor(account)
        messages.success(
            request,
            _("Die Zwei-Faktor-Anmeldung von %(name)s ist zurückgesetzt.") % {"name": account.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return render(
        request, "cms/two_factor_reset.html", {"account": account, "has_device": user_has_device(account)}
    )


def current_token(hex_key):
    """The code an authenticator app shows right now (for tests and support)."""
    return f"{TOTP(bytes.fromhex(hex_key)).token():06d}"


class RequireVerifiedAdminMiddleware:
    """Ask for the code before any admin page once an editor has set up two-factor login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and user.is_authenticated
            and path.startswith("/admin/")
            and not user.is_verified()
            and not self.is_exempt(path)
        ):
            if user_has_device(user):
                return redirect(f"{reverse('two_factor_verify')}?next={quote(request.get_full_path())}")
            if getattr(settings, "ADMIN_2FA_REQUIRED", False):
                return redirect("two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def is_exempt(path):
        """The pages an unverified editor needs to get verified (or out), and nothing below them.

        Exact paths, not prefixes: the recovery-code and reset pages live below the setup page's
        URL and must not be reachable with the password alone.
        """
        exact = {
            reverse("two_factor_verify"),
            reverse("two_factor_setup"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
        }
        return path in exact or path.startswith(("/admin/password_reset/", "/admin/jsi18n/"))
