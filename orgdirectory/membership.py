"""Which organisations take part in a working group, for the site's working-group pages.

The site calls this with its own page; the link is the page's ``translation_key``,
so a working-group page in any language finds the members stored on the German
entries.
"""

from django.conf import settings
from wagtail.models import Locale

from .directory import localized_entries
from .models import DirectoryPage, Membership


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
    """The directory in ``locale``, else the German one. Ordered by pk, not path: there is one per
    language, and a path order makes PostgreSQL walk the whole page tree."""
    pages = DirectoryPage.objects.live().order_by("pk")
    return pages.filter(locale=locale).first() or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()


def members_for_display(page, request=None):
    """Members of ``page`` in the visitor's language (German where untranslated), each with its detail URL."""
    locale = Locale.get_active()
    entries = localized_entries(member_sources(page), locale)
    directory = directory_for(locale)
    for entry in entries:
        entry.url = directory.organisation_url(entry.source.key) if directory else ""
    return entries



