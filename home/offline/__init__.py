"""Reading the site offline (issue 21; README "Offline lesen"): the service worker at /sw.js, the web app
manifest and the offline page per language. A plain package, not an app: its templates live in templates/offline/,
its script in static/js/offline.js."""

from django.conf import settings


def enabled():
    """``OFFLINE_ENABLED`` (cms/settings: on by default)."""
    return settings.OFFLINE_ENABLED


def network_timeout_ms():
    """How long a page visit waits for the network before the stored copy is shown (``OFFLINE_NETWORK_TIMEOUT_MS``)."""
    return settings.OFFLINE_NETWORK_TIMEOUT_MS
