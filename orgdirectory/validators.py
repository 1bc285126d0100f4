"""Checks for what editors type, with errors in plain German."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()/\-]+$")

validate_postcode = RegexValidator(
    r"^[0-9]{5}$",
    _("Die Postleitzahl muss aus genau fünf Ziffern bestehen, zum Beispiel 79539."),
    code="invalid_postcode",
)

validate_key = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Der Schlüssel darf nur Kleinbuchstaben ohne Umlaute, Ziffern und Bindestriche enthalten."),
    code="invalid_key",
)


def validate_phone(value):
    """A phone number a phone can dial: digits, spaces, ``+`` at the start, ``/``, ``-`` and brackets."""
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARACTERS.match(value) or not 6 <= len(digits) <= 16 or "+" in value[1:]:
        raise ValidationError(
            _(
                "„%(value)s“ ist keine gültige Telefonnummer. Erlaubt sind Ziffern, Leerzeichen, "
                "ein „+“ am Anfang, „/“, „-“ und Klammern; mindestens 6 Ziffern."
            ),
            code="invalid_phone",
            params={"value": value},
        )


def dialable(phone):
    """The number for a ``tel:`` link: ``+49 (0)7621 / 12-3`` → ``+497621123``."""
    cleaned = phone.replace("(0)", "") if phone.startswith("+") else phone
    return ("+" if cleaned.startswith("+") else "") + re.sub(r"\D", "", cleaned)
