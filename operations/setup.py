"""What a real site needs before its first editor signs in, and nothing more.

The content locales with synchronised trees, the default site with its home page, the three
working-group sections with the seed's texts and member lists, the (empty) directory and
calendar, the seed's institutions as directory entries, menu and footer, the legal pages, the seed termbase (glossary) in every language, and
the editors', reviewers' and translators' groups with their review workflows. No example
content: the demo app (development and tests only) builds on this and adds its examples.
``manage.py setup_site`` runs this; it is safe to run again after each deployment and never
changes what exists (the returned report says what it left alone).
"""

from django.db import transaction
from wagtail.models import Site

from editorial.setup import ensure_editorial_setup
from home.site import site_address
from terminology.seed import ensure_terms
from translations.locales import ensure_locales, sync_locale_trees

from .content import Report, ensure_real_content

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", ""}


def ensure_site_address(report):
    """Give the default site the public address of ``WAGTAILADMIN_BASE_URL`` while it still has the placeholder.

    Sitemap, canonical and hreflang links are absolute URLs built from the Wagtail site's host
    name; ``localhost`` there would send search engines nowhere. A host name an administrator
    has set is left alone.
    """
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None or site.hostname not in LOCAL_HOSTS or hostname in LOCAL_HOSTS:
        return
    site.hostname, site.port = hostname, port
    site.save()
    report.created.append(f"Adresse der Website: {site.root_url}")


@transaction.atomic
def set_up_site():
    """Create what is missing; returns ``(home page, working-group pages, report)``."""
    report = Report()
    source_locale, locales = ensure_locales()
    ensure_terms()  # the seed termbase in the locales just created (migration 0002 had only those that existed)
    home, groups = ensure_real_content(source_locale, report)
    ensure_site_address(report)
    sync_locale_trees(source_locale, locales)
    ensure_editorial_setup(home, groups)
    return home, groups, report
