"""Single-use recovery codes for two-factor login, on django-otp's static device plugin.

A lost or reset phone must not lock an editor out, nor need ``manage.py shell``: when an
editor sets up two-factor login they get ``COUNT`` recovery codes to print or write down.
Each is a ``StaticToken`` of one ``StaticDevice`` per user; django-otp deletes a token when it
is accepted (so each code works once) and throttles wrong guesses on the device.
"""

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

COUNT = 10
DEVICE_NAME = "Wiederherstellungscodes"


@transaction.atomic
def issue(user):
    """Replace the user's recovery codes with ``COUNT`` new ones; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining(user):
    """How many of the user's recovery codes are still unused."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code):
    """Codes are shown in lower case in two groups of four; accept them typed any way."""
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def use(user, code):
    """The device that accepted ``code`` (and used it up), or None.

    The device row is locked while checking, so one code cannot be used twice by two
    requests at the same moment.
    """
    for device in StaticDevice.objects.filter(user=user, confirmed=True).select_for_update():
        if device.verify_token(normalise(code)):
            return device
    return None


@transaction.atomic
def remove_second_factor(user):
    """Delete every OTP device of the user (authenticator apps and recovery codes).

    Afterwards the user signs in with the password alone and can set up a new device
    (or, with ADMIN_2FA_REQUIRED, is sent to the setup page).
    """
    for device in devices_for_user(user, confirmed=None):
        device.delete()
