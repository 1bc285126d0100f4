"""Interface catalogues: complete for all 12 languages, with each language's plural rules, and up to date."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from translations.languages import PLURAL_FORMS, TARGET_LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
# Every folder with interface strings, and every app the test settings install (makemessages loads them).
SOURCE_DIRS = [
    "cms", "home", "translations", "editorial", "caching", "security", "operations", "demo",
    "orgdirectory", "events", "templates",
]


def catalogue(code):
    return polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_catalogue_is_complete_and_not_fuzzy(code):
    po = catalogue(code)
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert not po.obsolete_entries()
    assert po.percent_translated() == 100


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_catalogue_has_the_languages_plural_rule(code):
    po = catalogue(code)
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[code]
    nplurals = int(PLURAL_FORMS[code].split("nplurals=")[1].split(";")[0])
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid


# How many plural forms each language distinguishes (CLDR), independent of PLURAL_FORMS.
EXPECTED_PLURAL_COUNT = {"en": 2, "ar": 6, "uk": 3, "tr": 2, "fa": 2, "ps": 2, "ti": 2, "ku": 2, "ru": 3, "so": 2,
                         "fr": 2, "ro": 3}


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_catalogue_plural_rule_uses_every_form_it_declares(code):
    """The compiled rule picks each of its forms for some number: Arabic needs all six (0, 1, 2, 3, 11, 100)."""
    header = catalogue(code).metadata["Plural-Forms"]
    nplurals = int(header.split("nplurals=")[1].split(";")[0])
    rule = gettext.c2py(header.split("plural=", 1)[1].rstrip(";"))
    assert nplurals == EXPECTED_PLURAL_COUNT[code]
    assert {rule(n) for n in range(1000)} == set(range(nplurals))


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_translations_keep_placeholders(code):
    for entry in catalogue(code):
        for placeholder in ("%(", "{"):
            if placeholder in entry.msgid:
                assert entry.msgstr.count(placeholder) == entry.msgid.count(placeholder) or entry.msgid_plural, entry.msgid


def test_makemessages_finds_no_string_missing_from_the_catalogues(tmp_path):
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    before = catalogue("en")
    shutil.copy(Path(before.fpath), tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--add-location=file", "-v0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.test", "HOME": str(tmp_path)},
    )
    after = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    new = sorted({entry.msgid for entry in after if not entry.obsolete} - {entry.msgid for entry in before})
    assert new == [], f"run `make messages` and translate: {new}"


def test_locale_paths_point_at_the_catalogues():
    assert Path(settings.LOCALE_PATHS[0]) == ROOT / "locale"
