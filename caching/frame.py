"""The frame cache: parts of the page frame (menu, footer, language versions) kept between requests.

Every public page shows the same menu and footer and links to its own versions in
the other languages. Looking those up costs a handful of queries on every request,
for data that changes a few times a day. Here each part is stored as plain data
together with the page cache's *generation* (read with it in one round trip,
``caching.pages.read``), so the same publish, save or delete that makes cached pages
stale makes these stale too.

The invalidation reaches every process only through a shared cache, so this is on
by default only with Redis (FRAME_CACHE_SECONDS, like PAGE_CACHE_SECONDS).

The plugins (events, orgdirectory) keep their filter choices and feeds here too: their
``EVENTS_CACHE`` / ``ORGDIRECTORY_CACHE`` settings name ``caching.frame.cached``.
"""

import logging

from django.conf import settings

from caching import pages

logger = logging.getLogger(__name__)


def enabled():
    return bool(getattr(settings, "FRAME_CACHE_SECONDS", 0))


def cached(name, parts, compute):
    """``compute()``'s value, from the cache while nothing public has changed since it was stored."""
    seconds = getattr(settings, "FRAME_CACHE_SECONDS", 0)
    if not seconds:
        return compute()
    key = ":".join(["frame", name, *map(str, parts)])
    try:
        generation, value = pages.read(key)
    except Exception:  # a cache outage makes the page slower, not broken
        logger.warning("frame cache: cache unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            pages.store(key, generation, value, seconds)
        except Exception:
            logger.warning("frame cache: could not store", exc_info=True)
    return value
