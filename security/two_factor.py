"""Optional two-factor login (TOTP) for the Wagtail admin, built on django-otp.

wagtail-2fa does not support Wagtail 7, so this is the small part of it the site needs: an
editor sets up an authenticator app under "Konto" (the key is shown as text; no QR code
library, no JavaScript), and from then on the admin asks for the six-digit code after the
password. With ADMIN_2FA_REQUIRED=true every editor must set it up before using the admin.
"""

import base64
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

SESSION_KEY = "two_factor_pending_key"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Sechsstelliger Code aus Ihrer Authenticator-App"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _readable_key(hex_key):
    secret = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), secret


@login_required
def verify(request):
    device_list = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not device_list:
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in device_list:
            if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error("token", _("Der Code stimmt nicht oder ist abgelaufen. Bitte geben Sie den aktuellen Code ein."))
    return render(request, "cms/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
def setup(request):
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if has_device and request.method == "POST" and request.POST.get("action") == "disable":
        if request.user.is_verified():
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
        return redirect("two_factor_setup")
    if has_device:
        return render(request, "cms/two_factor_setup.html", {"active": True})
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
            return redirect("wagtailadmin_home")
        form.add_error("token", _("Der Code stimmt nicht. Prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt."))
    grouped, secret = _readable_key(key)
    issuer = quote(settings.WAGTAIL_SITE_NAME)
    uri = f"otpauth://totp/{issuer}:{quote(request.user.get_username())}?secret={secret}&issuer={issuer}"
    return render(request, "cms/two_factor_setup.html", {"form": form, "secret": grouped, "uri": uri})


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
            and not path.startswith(self.exempt_paths())
        ):
            if user_has_device(user):
                return redirect(f"{reverse('two_factor_verify')}?next={quote(request.get_full_path())}")
            if getattr(settings, "ADMIN_2FA_REQUIRED", False):
                return redirect("two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def exempt_paths():
        return (
            reverse("two_factor_verify"),
            reverse("two_factor_setup"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
            "/admin/password_reset/",
            "/admin/jsi18n/",
        )
