"""Reading the site offline (issue 21; README "Offline lesen"): the service worker at /sw.js, the web app
manifest and the offline page per language. A plain package, not an app: its templates live in templates/offline/,
its script in static/js/offline.js."""

import os

from django.conf import settings


def enabled():
    """``OFFLINE_ENABLED`` (setting, else the environment variable; on unless "false"/"0"/"off"/"no")."""
    value = getattr(settings, "OFFLINE_ENABLED", None)
    if value is None:
        value = os.environ.get("OFFLINE_ENABLED", "true").strip().lower() not in {"false", "0", "off", "no"}
    return bool(value)


def network_timeout_ms():
    """How long a page visit waits for the network before the stored copy is shown (``OFFLINE_NETWORK_TIMEOUT_MS``,
    default 3000): long enough for a slow mobile connection, short enough not to leave a blank screen."""
    try:
        return max(0, int(os.environ.get("OFFLINE_NETWORK_TIMEOUT_MS", "3000")))
    except ValueError:
        return 3000
