"""The thirteen languages of the site, with native names and text direction from CLDR (``babel``).

Django ships no ``LANG_INFO`` entry for Pashto, Tigrinya, Somali or Kurmanji, so
``get_language_info`` would raise ``KeyError`` and ``get_language_bidi`` could not tell
that Pashto is written right to left. Every site language's entry is therefore filled in
from babel's CLDR data (native name, direction) when this module is imported, which the
settings do first: one source for the switcher's names, ``LANGUAGES_BIDI`` and the
translation editor, instead of lists kept by hand.
"""

import re

from babel import Locale
from babel.messages.plurals import get_plural
from django.conf.locale import LANG_INFO

SOURCE_LANGUAGE = "de"

# Order of the language switcher: German (source) first, then by number of
# readers among the people the working groups advise.
LANGUAGE_CODES = ["de", "en", "ar", "uk", "tr", "fa", "ps", "ti", "ku", "ru", "so", "fr", "ro"]
TARGET_LANGUAGES = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]

# gettext plural rules where babel's differ from the CLDR / GNU gettext tables the catalogues use
# (babel 2.18 gives Turkish and Persian one form, Tigrinya "n != 1", and misplaces Arabic's 100-102).
PLURAL_FORMS_KEPT = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "tr": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "ti": "nplurals=2; plural=(n > 1);",
}


def native_name(code):
    """The language's name in itself, capitalised as a standalone label: "kurdî (kurmancî)" → "Kurdî (Kurmancî)".

    CLDR writes names as they appear inside a sentence (lower case in most languages);
    scripts without case (Arabic, Ge'ez) are unchanged.
    """
    return re.sub(r"(^|\()(\w)", lambda match: match.group(1) + match.group(2).upper(), Locale.parse(code).display_name)


def is_rtl(code):
    return Locale.parse(code).character_order == "right-to-left"


def plural_forms(code):
    """The ``Plural-Forms`` header of ``code``'s catalogue."""
    return PLURAL_FORMS_KEPT.get(code) or str(get_plural(code))


LANGUAGES = [(code, native_name(code)) for code in LANGUAGE_CODES]
RTL_LANGUAGES = {code for code in LANGUAGE_CODES if is_rtl(code)}
PLURAL_FORMS = {code: plural_forms(code) for code in TARGET_LANGUAGES}

for _code, _name in LANGUAGES:
    LANG_INFO[_code] = {
        **LANG_INFO.get(_code, {}),
        "bidi": _code in RTL_LANGUAGES,
        "code": _code,
        "name": LANG_INFO.get(_code, {}).get("name") or Locale.parse(_code).get_display_name("en"),
        "name_local": _name,
    }
