"""Translations of the demo content, one gettext catalogue per language.

Each ``<code>.po`` maps a German text segment (as wagtail-localize extracts it)
to its translation. ``apply_demo_translations`` stores them through
wagtail-localize, as a translator working in the admin would.
"""

from collections import Counter
from pathlib import Path

import polib
from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page

from demo.bulk import translation_sources_read_once
from demo.progress import counted
from translations import provenance
from translations.store import save_target, store_strings, string_segments, translation_source

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


def apply_demo_translations(progress=None):
    """Translate every demo object that has no translation yet into every language with a catalogue.

    Each object's translation source and segments are read once for all languages; the
    translations are then stored language by language (one progress line per language):
    all string translations of a language in one pass, then each object saved from them.
    Saving reuses each source's German object and segments across the languages too
    (``demo.bulk.translation_sources_read_once``). Returns how many translations were saved.
    """
    objects = translatable_demo_objects()
    sources = {}
    total = 0
    with translation_sources_read_once():
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            strings = load_catalogue(code)
            if not strings:
                continue
            locale = Locale.objects.get(language_code=code)
            translated = Counter()
            done = _translated(objects, locale)
            made = [instance for instance in objects if (type(instance), instance.translation_key) not in done]
            for instance in made:
                key = (instance._meta.label, instance.pk)
                if key not in sources:
                    source = translation_source(instance)
                    sources[key] = (source, string_segments(source))
            # All of the language's strings in one pass (one lookup, one insert), then each object saved from them.
            store_strings(
                [segment for instance in made for segment in sources[(instance._meta.label, instance.pk)][1]],
                locale,
                strings,
            )
            for instance in made:
                source, _segments = sources[(instance._meta.label, instance.pk)]
                save_target(source, locale)
                translated[Page if isinstance(instance, Page) else type(instance)] += 1
                total += 1
            # Visitors of the demo see that no native speaker has checked these (issue 19).
            provenance.record_many(_translations_of(made, locale), provenance.Method.DEMO)
            if progress is not None:
                counts = ", ".join(_counted(model, number) for model, number in translated.items()) or "nichts zu tun"
                progress.line(f"Übersetzungen ({code}): {counts}")
    return total


def _translations_of(originals, locale):
    """The targets just saved, read in one query per model."""
    by_model = {}
    for original in originals:
        by_model.setdefault(Page if isinstance(original, Page) else type(original), []).append(original.translation_key)
    for model, keys in by_model.items():
        yield from model.objects.filter(translation_key__in=keys, locale=locale)


def _counted(model, number):
    if model is Page:
        return counted(number, "Seite", "Seiten")
    return counted(number, model._meta.verbose_name, model._meta.verbose_name_plural)


def _translated(objects, locale):
    """``(model, translation_key)`` of the objects that have a real translation (not an alias) in ``locale``:
    what ``get_translation_or_none`` finds for each, read in one query per model."""
    by_model = {}
    for instance in objects:
        by_model.setdefault(type(instance), []).append(instance.translation_key)
    found = set()
    for model, keys in by_model.items():
        rows = model.objects.filter(translation_key__in=keys, locale_id=locale.pk)
        if any(field.name == "alias_of" for field in model._meta.get_fields()):
            rows = rows.filter(alias_of__isnull=True)
        found.update((model, key) for key in rows.values_list("translation_key", flat=True))
    return found
