"""The frame cache: parts of the page frame (menu, footer, language versions) kept between requests.

Every public page shows the same menu and footer and links to its own versions in
the other languages. Looking those up costs a handful of queries on every request,
for data that changes a few times a day. Here each part is stored as plain data with the
version numbers of its scopes (``caching.versions``, read with it in one round trip):
the whole site's (a change of the frame makes every page stale) and the part's own
``frame:<name>`` scope, or for a page's language versions ``frame:versions:<page id>``; what
belongs to one page alone (``page``: its "original changed" notice) has that page's own scopes, and so
has the home page routing starts from in a language (``route``, ``caching.routing``).
``caching.dependencies`` increments exactly the scopes a publish touches (the calendar's
feeds and filters when an event changes, the directory's searches when an entry changes).

The invalidation reaches every process only through a shared cache, so this is on
by default only with Redis (FRAME_CACHE_SECONDS, like PAGE_CACHE_SECONDS).

The plugins (events, orgdirectory) keep their filter choices and feeds here too: their
``EVENTS_CACHE`` / ``ORGDIRECTORY_CACHE`` settings name ``caching.frame.cached``.
"""

import logging

from django.conf import settings

from caching import versions

logger = logging.getLogger(__name__)


def enabled():
    return bool(getattr(settings, "FRAME_CACHE_SECONDS", 0))


def scopes_of(name, parts):
    """The scopes a frame part depends on (see the module docstring)."""
    if name == "versions":  # parts: host, page id
        return [versions.SITE, f"frame:versions:{parts[-1]}"]
    if name in ("page", "route"):  # parts: ..., a page's URL path: stale whenever the page at that address is
        return versions.page_scopes(parts[-1])
    return [versions.SITE, f"frame:{name}"]


def cached(name, parts, compute):
    """``compute()``'s value, from the cache while nothing it shows has changed since it was stored."""
    seconds = getattr(settings, "FRAME_CACHE_SECONDS", 0)
    if not seconds:
        return compute()
    key = ":".join(["frame", name, *map(str, parts)])
    try:
        current, value = versions.read(key, scopes_of(name, parts))
    except Exception:  # a cache outage makes the page slower, not broken
        logger.warning("frame cache: cache unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            versions.store(key, current, value, seconds)
        except Exception:
            logger.warning("frame cache: could not store", exc_info=True)
    return value
