"""Languages in which an organisation gives advice, always shown by their own (native) names.

The choice list is the site's languages plus the languages that are common among
people seeking migration advice; a project can replace it with the setting
``ORGDIRECTORY_ADVICE_LANGUAGES`` (a list of codes).
"""

from functools import cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language_info

from .conf import setting

EXTRA_ADVICE_LANGUAGES = ["es", "it", "pl", "sq", "bs", "hr", "sr", "ckb", "prs"]

# Codes neither Django nor babel know (Dari is written like Persian, but is its own name).
NATIVE_NAMES = {"prs": "دری"}
RTL_CODES = {"ar", "fa", "ps", "ckb", "prs", "ur", "he"}


def advice_language_codes():
    configured = setting("ORGDIRECTORY_ADVICE_LANGUAGES")
    if configured:
        return list(configured)
    codes = [code for code, _name in settings.LANGUAGES]
    return codes + [code for code in EXTRA_ADVICE_LANGUAGES if code not in codes]


@cache
def native_name(code):
    """The name of the language in the language itself, e.g. ``ar`` → "العربية"."""
    name = NATIVE_NAMES.get(code)
    if name is None:
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            try:
                name = Locale.parse(code).display_name
            except (UnknownLocaleError, ValueError):
                name = None
    # Capitalised like the site's language switcher ("Polski", "Español"); scripts without case are unchanged.
    return name[:1].upper() + name[1:] if name else code


def is_rtl(code):
    return code in RTL_CODES


def advice_language_choices():
    return [(code, native_name(code)) for code in advice_language_codes()]
