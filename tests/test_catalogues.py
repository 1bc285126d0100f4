"""Interface catalogues: complete for all 12 languages, with each language's plural rules, and up to date."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from translations.languages import PLURAL_FORMS, TARGET_LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ["cms", "home", "orgdirectory", "events", "templates"]


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


def test_arabic_has_six_plural_forms():
    assert PLURAL_FORMS["ar"].startswith("nplurals=6;")


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
