"""The content locales and their synchronised trees, as wagtail-localize keeps them.

Every locale mirrors the German tree: a page nobody has translated yet exists in each
language as an alias of the German one (translations/status.py tells visitors so).
A real site needs this before the first page is published; the demo builds on it.
"""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def ensure_locales():
    """The source locale and all 13 content locales (source first); safe to run again."""
    source, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    locales = [source]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            locales.append(Locale.objects.get_or_create(language_code=code)[0])
    return source, locales


def sync_locale_trees(source_locale, locales):
    """Mirror the German tree into every other locale: untranslated pages become aliases of the German ones."""
    for locale in locales:
        if locale.pk == source_locale.pk:
            continue
        if not LocaleSynchronization.objects.filter(locale=locale).exists():
            LocaleSynchronization.objects.create(locale=locale, sync_from=source_locale)  # syncs on save
        else:
            synchronize_tree(source_locale, locale)
