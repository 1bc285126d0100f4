"""What a visitor should be told about the language of a page.

With synchronised locale trees every page exists in every locale: either as a
real translation, or as an *alias* of the German page that wagtail-localize
creates until someone translates it. An alias shows German content, so the
templates mark it ``lang="de"`` and tell the visitor it is not translated yet.
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from caching import frame
from translations.overview import translation_is_behind


def language_code_of(page):
    """The page's language; from the frame cache when it is on, saving a query on every page."""
    if frame.enabled() and not Page.locale.is_cached(page):
        codes = frame.cached(
            "locale-codes", [], lambda: dict(Locale.objects.values_list("id", "language_code"))
        )
        if page.locale_id in codes:
            return codes[page.locale_id]
    return page.locale.language_code


def is_untranslated(page):
    """True when ``page`` is a placeholder showing the content of another language."""
    return bool(
        isinstance(page, Page)
        and page.alias_of_id
        and language_code_of(page) != settings.LANGUAGE_CODE
    )


def translations_of(page):
    """All versions of ``page`` (translations and placeholders), keyed by language code."""
    versions = (
        Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "alias_of_id", "locale", "translation_key")
    )
    return {version.locale.language_code: version for version in versions}


def source_updated_since_translation(page):
    """When the German original changed after ``page`` was translated, the date it changed; else ``None``.

    wagtail-localize stores the moment it last read the German source
    (``TranslationSource.last_updated_at``). The translation is behind when the
    German page was published after that moment, or when the source was synced
    but the translation not published again since.
    """
    if not isinstance(page, Page) or page.alias_of_id or language_code_of(page) == settings.LANGUAGE_CODE:
        return None
    # One query: the German original with the moment wagtail-localize last read it.
    original = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .annotate(
            source_updated_at=Subquery(
                TranslationSource.objects.filter(object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id"))
                .values("last_updated_at")[:1]
            )
        )
        .only("last_published_at", "url_path")
        .first()
    )
    if original is None or original.source_updated_at is None or original.last_published_at is None:
        return None
    if translation_is_behind(original.last_published_at, page.last_published_at, original.source_updated_at):
        return original
    return None
