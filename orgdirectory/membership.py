"""Which organisations take part in a working group, for the site's working-group pages.

The site calls this with its own page; the link is the page's ``translation_key``,
so a working-group page in any language finds the members stored on the German
entries.
"""

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant

from .directory import Entry
from .models import DirectoryPage, Membership, Organisation


def member_sources(page):
    """German published entries that are members of ``page`` (in any language), in member-list order."""
    memberships = Membership.objects.filter(
        page__translation_key=page.translation_key, organisation__live=True,
        organisation__locale__language_code=settings.LANGUAGE_CODE,
    ).select_related("organisation").order_by("position", "organisation__name")
    return [membership.organisation for membership in memberships]


def of_group(organisations, page):
    """``organisations`` narrowed to the members of ``page`` (matched by its ``translation_key``, so any language)."""
    return organisations.filter(memberships__page__translation_key=page.translation_key).distinct()


def member_names(page):
    """The German names of the members, as the working group lists them."""
    return [organisation.name for organisation in member_sources(page)]


def directory_for(locale):
    """The directory in ``locale`` (a ``Locale`` or a language code), else the German one. Ordered by pk, not
    path: there is one per language, and a path order makes PostgreSQL walk the whole page tree."""
    pages = DirectoryPage.objects.live().order_by("pk")
    code = locale if isinstance(locale, str) else locale.language_code
    if code == settings.LANGUAGE_CODE:
        return pages.filter(locale__language_code=code).first()
    return pages.filter(locale__language_code=code).first() or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()


def _members_with_translations(page, code):
    """The German member entries of ``page`` in member-list order, and their published translations in ``code``
    by ``translation_key``: one query for both (the section pages of every language stay within their queries)."""
    memberships = Membership.objects.filter(
        page__translation_key=page.translation_key, organisation__live=True,
        organisation__locale__language_code=settings.LANGUAGE_CODE,
    )
    organisations = (
        Organisation.objects.filter(
            live=True,
            locale__language_code__in={settings.LANGUAGE_CODE, code},
            translation_key__in=memberships.values("organisation__translation_key"),
        )
        .annotate(
            member_position=Subquery(memberships.filter(organisation=OuterRef("pk")).order_by("position").values("position")[:1]),
            language=F("locale__language_code"),
        )
        .order_by("member_position", "name")
    )
    sources, translations = [], {}
    for organisation in organisations:
        if organisation.language == settings.LANGUAGE_CODE and organisation.member_position is not None:
            sources.append(organisation)
        elif organisation.language == code:
            translations[organisation.translation_key] = organisation
    return sources, translations


def members_for_display(page, request=None):
    """Members of ``page`` in the visitor's language (German where untranslated), each with its detail URL.

    The language is the active one (as ``Locale.get_active()`` finds it, without its query)."""
    code = get_supported_content_language_variant(translation.get_language())
    sources, translations = _members_with_translations(page, code)
    entries = [
        Entry(shown=source, source=source)
        if code == settings.LANGUAGE_CODE
        else Entry(shown=translations[source.translation_key], source=source)
        if source.translation_key in translations
        else Entry(shown=source, source=source, lang=settings.LANGUAGE_CODE)
        for source in sources
    ]
    directory = directory_for(code)
    for entry in entries:
        entry.url = directory.organisation_url(entry.source.key) if directory else ""
    return entries
