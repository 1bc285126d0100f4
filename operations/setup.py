"""What a real site needs before its first editor signs in, and nothing more.

The content locales with synchronised trees, the default site with its home page, the three
working-group sections with the seed's texts and member lists, the (empty) directory and
calendar, the seed's institutions as directory entries, menu and footer, the legal pages, and
the editors', reviewers' and translators' groups with their review workflows. No example
content: the demo app (development and tests only) builds on this and adds its examples.
``manage.py setup_site`` runs this; it is safe to run again after each deployment and never
changes what exists (the returned report says what it left alone).
"""

from django.db import transaction

from editorial.setup import ensure_editorial_setup
from translations.locales import ensure_locales, sync_locale_trees

from .content import Report, ensure_real_content


@transaction.atomic
def set_up_site():
    """Create what is missing; returns ``(home page, working-group pages, report)``."""
    report = Report()
    source_locale, locales = ensure_locales()
    home, groups = ensure_real_content(source_locale, report)
    sync_locale_trees(source_locale, locales)
    ensure_editorial_setup(home, groups)
    return home, groups, report
