"""What a visitor should be told about the language of a page.

With synchronised locale trees every page exists in every locale: either as a
real translation, or as an *alias* of the German page that wagtail-localize
creates until someone translates it. An alias shows German content, so the
templates mark it ``lang="de"`` and tell the visitor it is not translated yet.
"""

from django.conf import settings
from wagtail.models import Locale, Page


def is_untranslated(page):
    """True when ``page`` is a placeholder showing the content of another language."""
    return bool(
        page is not None
        and getattr(page, "alias_of_id", None)
        and page.locale.language_code != settings.LANGUAGE_CODE
    )


def translations_of(page):
    """All versions of ``page`` (translations and placeholders), keyed by language code."""
    versions = (
        Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "alias_of_id", "locale", "translation_key")
    )
    return {version.locale.language_code: version for version in versions}


def locale_home_pages(site):
    """The root page of ``site`` in every locale, keyed by language code."""
    root = site.root_page
    return translations_of(root)


def source_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)
