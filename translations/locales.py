"""The content locales and their synchronised trees, as wagtail-localize keeps them.

Every locale mirrors the German tree: a page nobody has translated yet exists in each
language as an alias of the German one (translations/status.py tells visitors so).
A real site needs this before the first page is published; the demo builds on it.
"""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree


def ensure_locales():
    """The source locale and all 13 content locales (source first); safe to run again."""
    source, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    locales = [source]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            locales.append(Locale.objects.get_or_create(language_code=code)[0])
    return source, locales


def sync_locale_trees(source_locale, locales):
    """Mirror the German tree into every other locale: untranslated pages become aliases of the German ones.

    The tree is read once for all locales (wagtail-localize's ``PageIndex``), not once per locale as
    saving each ``LocaleSynchronization`` would: the index lists the pages that are not aliases and in
    which locales each exists, and aliases made in one locale change nothing the next locale reads.
    New synchronisations are inserted without their ``post_save`` sync and synchronised here instead.
    """
    targets = [locale for locale in locales if locale.pk != source_locale.pk]
    synchronised = set(LocaleSynchronization.objects.filter(locale__in=targets).values_list("locale_id", flat=True))
    new = {
        synchronisation.locale_id: synchronisation
        for synchronisation in LocaleSynchronization.objects.bulk_create(
            [
                LocaleSynchronization(locale=locale, sync_from=source_locale)
                for locale in targets
                if locale.pk not in synchronised
            ]
        )
    }
    page_index = PageIndex.from_database().sort_by_tree_position()
    for locale in targets:
        if locale.pk in new:
            new[locale.pk].sync_trees(page_index=page_index)  # what saving it would do, with the shared index
        else:
            synchronize_tree(source_locale, locale, page_index=page_index)
