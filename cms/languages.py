"""The thirteen languages of the site and the language info Django lacks.

Django ships no ``LANG_INFO`` entry for Pashto, Tigrinya, Somali or Kurmanji.
Without one, ``get_language_info`` raises ``KeyError`` and ``get_language_bidi``
cannot tell that Pashto is written right to left, so the entries are added here
(with native names) instead of dropping those languages.
"""

from django.conf.locale import LANG_INFO

EXTRA_LANG_INFO = {
    "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "ku": {
        "bidi": False,
        "code": "ku",
        "name": "Kurdish (Kurmanji)",
        "name_local": "Kurdî (Kurmancî)",
    },
}

# Django's own native names differ in spelling from what speakers expect on a
# language switcher ("français" in lower case, Arabic with a shadda).
NATIVE_NAME_OVERRIDES = {
    "ar": "العربية",
    "fr": "Français",
}

for _code, _info in EXTRA_LANG_INFO.items():
    LANG_INFO.setdefault(_code, _info)
for _code, _name in NATIVE_NAME_OVERRIDES.items():
    LANG_INFO[_code] = {**LANG_INFO[_code], "name_local": _name}

SOURCE_LANGUAGE = "de"

# Order of the language switcher: German (source) first, then by number of
# readers among the people the working groups advise.
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("fa", "فارسی"),
    ("ps", "پښتو"),
    ("ti", "ትግርኛ"),
    ("ku", "Kurdî (Kurmancî)"),
    ("ru", "Русский"),
    ("so", "Soomaali"),
    ("fr", "Français"),
    ("ro", "Română"),
]

LANGUAGE_CODES = [code for code, _name in LANGUAGES]
RTL_LANGUAGES = {"ar", "fa", "ps"}
TARGET_LANGUAGES = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]

# gettext plural rules for the interface catalogues (from the CLDR / GNU gettext tables).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "tr": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
    "ti": "nplurals=2; plural=(n > 1);",
    "ku": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "so": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
}
