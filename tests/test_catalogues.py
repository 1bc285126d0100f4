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
PLUGINS = ["events", "orgdirectory"]
# The site's own code: every app folder of the repository except the plugins, plus settings and project templates.
SOURCE_DIRS = sorted(path.parent.name for path in ROOT.glob("*/apps.py") if path.parent.name not in PLUGINS)
SOURCE_DIRS += ["cms", "templates"]
# The site's catalogues and each plugin's own (extracted from the plugin's folder only).
LOCALE_DIRS = {"site": ROOT / "locale", **{plugin: ROOT / plugin / "locale" for plugin in PLUGINS}}


def catalogue(code, where="site"):
    return polib.pofile(str(LOCALE_DIRS[where] / code / "LC_MESSAGES" / "django.po"))


each_catalogue = pytest.mark.parametrize("where", sorted(LOCALE_DIRS))


@each_catalogue
@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_catalogue_is_complete_and_not_fuzzy(code, where):
    po = catalogue(code, where)
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert not po.obsolete_entries()
    assert po.percent_translated() == 100


@each_catalogue
@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_catalogue_has_the_languages_plural_rule(code, where):
    po = catalogue(code, where)
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


@each_catalogue
@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_translations_keep_placeholders(code, where):
    for entry in catalogue(code, where):
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


@pytest.mark.parametrize("plugin", PLUGINS)
def test_makemessages_finds_no_plugin_string_missing_from_the_plugins_catalogues(plugin, tmp_path):
    shutil.copytree(ROOT / plugin, tmp_path / plugin,
                    ignore=shutil.ignore_patterns("__pycache__", "*.mo", "build", "*.egg-info"))
    before = catalogue("en", plugin)
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--ignore=tests", "--add-location=file", "-v0"],
        cwd=tmp_path / plugin,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": f"{plugin}.tests.settings", "HOME": str(tmp_path)},
    )
    after = polib.pofile(str(tmp_path / plugin / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    new = sorted({entry.msgid for entry in after if not entry.obsolete} - {entry.msgid for entry in before})
    assert new == [], f"run `make messages` and translate: {new}"


@pytest.mark.parametrize("plugin", PLUGINS)
@pytest.mark.parametrize("code", ["de", *TARGET_LANGUAGES])
def test_the_plugin_ships_compiled_catalogues_for_every_language(plugin, code):
    """The committed .mo holds exactly the translations of its .po: pip installs the .mo as it is, and
    compilemessages skips a .mo that is newer than its .po (as after a merge), leaving old texts."""
    folder = LOCALE_DIRS[plugin] / code / "LC_MESSAGES"
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in polib.mofile(str(folder / "django.mo")) if entry.msgid}
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.pofile(str(folder / "django.po"))
        if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags
    }
    assert compiled == source


def test_locale_paths_point_at_the_catalogues():
    assert Path(settings.LOCALE_PATHS[0]) == ROOT / "locale"
