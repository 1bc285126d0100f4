"""Reading the site offline (issue 21; README "Offline lesen"): the service worker at /sw.js, the web app
manifest and the offline page per language. A plain package, not an app: its templates live in templates/offline/,
its script in static/js/offline.js."""

from django.conf import settings


def enabled():
    """``OFFLINE_ENABLED`` (on by default)."""
    return bool(getattr(settings, "OFFLINE_ENABLED", True))


def network_timeout_ms():
    """How long a page visit waits for the network before the stored copy is shown (``OFFLINE_NETWORK_TIMEOUT_MS``)."""
    return getattr(settings, "OFFLINE_NETWORK_TIMEOUT_MS", 3000)
