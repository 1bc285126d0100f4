"""Translations of the demo content, one gettext catalogue per language.

Each ``<code>.po`` maps a German text segment (as wagtail-localize extracts it)
to its translation. ``apply_demo_translations`` stores them through
wagtail-localize, as a translator working in the admin would.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page

from translations.store import translate

TRANSLATIONS_DIR = Path(__file__).parent
SOURCE_TEMPLATE = TRANSLATIONS_DIR / "source_de.pot"

# Snippets whose demo instances are translated along with the pages. Apps that
# add translatable demo content list their models in DEMO_TRANSLATABLE_SNIPPETS.
DEFAULT_SNIPPETS = ["home.models.MainMenu", "home.models.Footer"]


def snippet_models():
    return [import_string(path) for path in DEFAULT_SNIPPETS + getattr(settings, "DEMO_TRANSLATABLE_SNIPPETS", [])]


def translatable_demo_objects():
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    objects = list(Page.objects.filter(locale=source, depth__gt=1).order_by("path").specific())
    for model in snippet_models():
        objects.extend(model.objects.filter(locale=source).order_by("pk"))
    return objects


def load_catalogue(code):
    path = TRANSLATIONS_DIR / f"{code}.po"
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.translated()}


def apply_demo_translations():
    """Translate every demo object that has no translation yet into every language with a catalogue."""
    objects = translatable_demo_objects()
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        strings = load_catalogue(code)
        if not strings:
            continue
        locale = Locale.objects.get(language_code=code)
        for instance in objects:
            if _has_translation(instance, locale):
                continue
            translate(instance, locale, strings)


def _has_translation(instance, locale):
    translated = instance.get_translation_or_none(locale)
    return translated is not None and not getattr(translated, "alias_of_id", None)
