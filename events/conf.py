"""The plugin's settings, each with its default, read when used (so ``override_settings`` works).

Every integration point with the host site is one of these settings; README.md lists them.
"""

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULTS = {
    # Template every public page of the calendar extends (blocks: title, body_class, notices, content).
    "EVENTS_BASE_TEMPLATE": "events/base.html",
    # Dotted path to ``function(name, parts, compute)`` that may keep ``compute()``'s value; None: no cache.
    "EVENTS_CACHE": None,
    # Dotted path to ``function(user, index) -> bool``: may ``user`` import events into ``index``?
    "EVENTS_PERMISSION_POLICY": "events.permissions.can_add_events",
    # Dotted path to ``function(user, index) -> bool``: may ``user``'s import go live at once (else: review)?
    "EVENTS_PUBLISH_POLICY": "events.permissions.can_publish_events",
    # Dotted path to ``function(indexes) -> {index.pk: page}``: the working group owning each event index.
    "EVENTS_WORKING_GROUPS": "events.groups.parent_pages",
    # Right-hand side of the iCalendar UIDs; None: the hostname of the Wagtail site.
    "EVENTS_UID_DOMAIN": None,
    # Host names that "import by address" may load although they resolve to internal addresses (events/fetching.py).
    "EVENTS_FETCH_ALLOWED_HOSTS": [],
    # PRODID of the feeds (RFC 5545: who made the file).
    "EVENTS_PRODID": "-//wagtail-eventcalendar//Veranstaltungskalender//DE",
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def hook(name):
    """The callable a setting names, or ``None`` when the setting is empty."""
    path = setting(name)
    return import_string(path) if path else None
