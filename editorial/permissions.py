"""Who may do what with one page or entry, for every part of the site that asks.

``may`` answers for pages (Wagtail's page permissions) and snippets (their view set's permission
policy, which follows a directory entry's working groups) alike: the translation review, the
reviewer's queue on the start page and the translation editor's snippet API ask it.

Importing partners' calendars is a working group's work, not translation: the
translators' group may add pages in the language trees (to translate them), but
an import must come from someone who may add events to the *German* version of
the event index too (the group's editors and reviewers, network administrators).
"""

from django.conf import settings
from wagtail.models import Page


def may(user, action, instance):
    """Whether ``user`` may ``action`` ("change" or "publish") ``instance``, a page or a snippet."""
    if user.is_superuser:
        return True
    if isinstance(instance, Page):
        permissions = instance.permissions_for_user(user)
        return permissions.can_publish() if action == "publish" else permissions.can_edit()
    viewset = getattr(type(instance), "snippet_viewset", None)
    return viewset is not None and viewset.permission_policy.user_has_permission_for_instance(user, action, instance)


def may_import_events(user, index):
    """``EVENTS_PERMISSION_POLICY``: add permission below the index and below its German original."""
    if not index.permissions_for_user(user).can_add_subpage():
        return False
    original = index.get_translation_or_none(_default_locale()) or index
    return original.permissions_for_user(user).can_add_subpage()


def _default_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def may_publish_imported_events(user, index):
    """``EVENTS_PUBLISH_POLICY``: publish permission below the index, unless the section's review task wants
    another person to approve imported events („Vier-Augen-Prinzip“, editorial/models.py): then every import
    goes through review."""
    from editorial.models import review_task_of

    if not index.permissions_for_user(user).can_publish_subpage():
        return False
    task = review_task_of(index)
    return task is None or not task.other_person_approves_imports
