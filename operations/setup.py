"""What a real site needs before its first editor signs in, and nothing more.

The content locales with synchronised trees, the default site with its home page, and the
editors' and reviewers' groups with their review workflows for every working-group page that
exists. No example content: the demo app (development and tests only) builds on the same steps
and adds its pages, directory entries and events. ``manage.py setup_site`` runs this; it is safe
to run again after each deployment.
"""

from django.db import transaction

from editorial.setup import ensure_editorial_setup
from home.models import WorkingGroupPage
from home.site import ensure_home_page
from translations.locales import ensure_locales, sync_locale_trees


@transaction.atomic
def set_up_site():
    source_locale, locales = ensure_locales()
    home = ensure_home_page(source_locale)
    sync_locale_trees(source_locale, locales)
    working_groups = WorkingGroupPage.objects.child_of(home).order_by("path")
    ensure_editorial_setup(home, working_groups)
    return home
