"""Site rules the plugins ask about through their permission hooks.

Importing partners' calendars is a working group's work, not translation: the
translators' group may add pages in the language trees (to translate them), but
an import must come from someone who may add events to the *German* version of
the event index too (the group's editors and reviewers, network administrators).
"""

from django.conf import settings


def may_import_events(user, index):
    """``EVENTS_PERMISSION_POLICY``: add permission below the index and below its German original."""
    if not index.permissions_for_user(user).can_add_subpage():
        return False
    original = index.get_translation_or_none(_default_locale()) or index
    return original.permissions_for_user(user).can_add_subpage()


def _default_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)
