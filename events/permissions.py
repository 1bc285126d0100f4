"""Who may import partners' calendars into an event index: the ``EVENTS_PERMISSION_POLICY`` hook.

The default is Wagtail's own page permissions: whoever may add a page below the
index may import events into it. A site with its own rules names another
``function(user, index) -> bool`` in the setting.
"""

from .conf import hook


def can_add_events(user, index):
    """Default policy: Wagtail's "add" permission on the event index."""
    return index.permissions_for_user(user).can_add_subpage()


def may_import(user, index):
    return bool(hook("EVENTS_PERMISSION_POLICY")(user, index))


def can_publish_events(user, index):
    """Default: Wagtail's "publish" permission below the event index."""
    return index.permissions_for_user(user).can_publish_subpage()
