"""Languages spoken at events, named in the visitor's language with ``babel``.

The list is the site's languages plus languages the counselling services often
offer. Names come from CLDR through ``babel``, so they need no translation of our own.
"""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils import translation

EXTRA_SPOKEN_LANGUAGES = ["it", "es", "pl", "bg", "sq", "hr", "sr", "bs", "el", "hu"]


def spoken_language_codes():
    codes = [code for code, _name in settings.LANGUAGES]
    return codes + [code for code in EXTRA_SPOKEN_LANGUAGES if code not in codes]


@lru_cache(maxsize=64)
def babel_locale(language_code):
    """The ``babel`` locale for a site language; German when CLDR does not know it."""
    try:
        return Locale.parse(language_code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE)


def current_babel_locale():
    return babel_locale(translation.get_language() or settings.LANGUAGE_CODE)


def language_name(code, locale=None):
    """``code`` named in ``locale`` (default: the active language), e.g. "ar" → "Arabisch"."""
    locale = locale or current_babel_locale()
    name = locale.languages.get(code) or babel_locale("en").languages.get(code) or code
    return name[:1].upper() + name[1:]


def native_language_name(code):
    """``code`` in its own language ("ar" → "العربية"), or "" when CLDR does not know it."""
    try:
        name = Locale.parse(code.replace("-", "_")).languages.get(code, "")
    except (UnknownLocaleError, ValueError):
        return ""
    return name[:1].upper() + name[1:]


def spoken_languages(codes, locale=None):
    """``(code, name in the visitor's language, name in its own language or "")`` for the event page:
    an Arabic speaker reading the German page finds „Arabisch (العربية)“."""
    found = []
    for code in codes:
        name = language_name(code, locale)
        native = native_language_name(code)
        found.append((code, name, native if native and native.casefold() != name.casefold() else ""))
    return found


def spoken_language_choices():
    """Choices for the editor (German names, as the admin is German)."""
    german = babel_locale("de")
    return [(code, language_name(code, german)) for code in spoken_language_codes()]
