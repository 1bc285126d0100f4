"""Parts of the page frame (menu, footer, language versions) kept between requests.

Every public page shows the same menu and footer and links to its own versions in
the other languages. Looking those up costs a handful of queries on every request,
for data that changes a few times a day. Here each part is stored as plain data
under a key that contains the page cache's *generation* (cms.page_cache), so the
same publish, save or delete that makes cached pages stale makes these stale too.

The invalidation reaches every process only through a shared cache, so this is on
by default only with Redis (FRAME_CACHE_SECONDS, like PAGE_CACHE_SECONDS).
"""

import logging

from django.conf import settings
from django.core.cache import cache

from cms.page_cache import current_generation

logger = logging.getLogger(__name__)


def enabled():
    return bool(getattr(settings, "FRAME_CACHE_SECONDS", 0))


def cached_fragment(name, parts, compute):
    """``compute()``'s value, from the cache while nothing public has changed since it was stored."""
    seconds = getattr(settings, "FRAME_CACHE_SECONDS", 0)
    if not seconds:
        return compute()
    try:
        key = ":".join(["frame", str(current_generation()), name, *map(str, parts)])
        value = cache.get(key)
    except Exception:  # a cache outage makes the page slower, not broken
        logger.warning("frame cache: cache unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:
            logger.warning("frame cache: could not store", exc_info=True)
    return value
