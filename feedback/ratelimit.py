"""A flood limit that does not keep IP addresses.

The cache holds, for one window, a counter under an HMAC of the visitor's address (keyed with the site's secret,
so the address cannot be recovered by trying all addresses); it expires with the window. Nothing goes to the
database.
"""

import hashlib
import hmac
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def _key(request, window):
    address = get_client_ip_address(request) or ""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"feedback:{address}".encode(), hashlib.sha256).hexdigest()
    return f"feedback-rate:{window}:{digest[:32]}"


def allow(request):
    """Count this request; False once the address sent ``FEEDBACK_RATE_LIMIT`` in the current window."""
    seconds = settings.FEEDBACK_RATE_WINDOW_SECONDS
    window = int(time.time() // seconds)
    key = _key(request, window)
    if cache.add(key, 1, timeout=seconds):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds)
            count = 1
    # A cache that does not answer (django-redis ignoring a Redis outage) returns None: then nobody is held back.
    return count is None or count <= settings.FEEDBACK_RATE_LIMIT
