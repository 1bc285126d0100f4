"""Version numbers in the cache that say whether a stored page or frame part is still current.

Every stored copy carries the numbers of the *scopes* it depends on, read in the same round
trip as the copy itself. A change increments only the scopes it touches, so a publish in one
section leaves every other section's copies valid:

- ``tree:<path>`` – everything at or below a public URL path (``tree:/`` is the whole site:
  the page frame, shown on every page, changed);
- ``path:<path>`` – the one public URL path, with every query string of it;
- ``frame:<name>`` – a part the frame cache keeps (``caching.frame``), e.g. the calendar's feeds.

A page's scopes follow from its URL alone (``page_scopes``), so a visitor's request knows every
key before it asks the cache: a hit costs one ``get_many``.

Numbers start from the clock in milliseconds, so a number lost from the cache (eviction, restart)
comes back higher than any copy stored under the old one.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

PREFIX = "page-cache:v:"
SITE = "tree:/"


def page_scopes(path):
    """The scopes of a public URL path: the whole site, every ancestor path, and the page's own path.

    A file below a page's address ("/de/ak/termine/feed.ics") belongs to that page
    ("path:/de/ak/termine/"): it shows the same content and goes stale with it.
    """
    scopes = [SITE]
    end = path.find("/", 1)
    while end != -1:
        scopes.append("tree:" + path[: end + 1])
        end = path.find("/", end + 1)
    if not path.endswith("/"):
        scopes.append("tree:" + path)
    scopes.append("path:" + path[: path.rfind("/") + 1])
    return scopes


def _key(scope):
    return PREFIX + scope


def read(key, scopes):
    """``(versions, value)``: the value stored under ``key`` if it was stored under exactly the
    current versions of ``scopes`` (else ``None``), and those current versions. One round trip
    (plus one write per scope the cache had lost)."""
    version_keys = [_key(scope) for scope in scopes]
    found = cache.get_many([key, *version_keys])
    versions = []
    for version_key in version_keys:
        version = found.get(version_key)
        if version is None:
            cache.add(version_key, int(time.time() * 1000), timeout=None)
            version = cache.get(version_key)
        versions.append(version)
    versions = tuple(versions)
    stored = found.get(key)
    if stored is not None and stored[0] == versions:
        return versions, stored[1]
    return versions, None


def store(key, versions, value, timeout):
    """Keep ``value`` under ``key`` with the ``versions`` read when its request began."""
    cache.set(key, (versions, value), timeout)


def bump(scopes):
    """Make every copy that depends on one of ``scopes`` stale, now and again after the current
    transaction commits: a visitor's request that rendered the old content between the change
    and the commit cannot keep a stale copy alive."""
    scopes = sorted(set(scopes))
    if not scopes:
        return
    _bump(scopes)
    transaction.on_commit(lambda: _bump(scopes))


def _bump(scopes):
    for scope in scopes:
        try:
            cache.incr(_key(scope))
        except ValueError:  # lost or never set: start again from the clock
            cache.add(_key(scope), int(time.time() * 1000), timeout=None)
        except Exception:  # the cache being down must not break publishing
            logger.warning("page cache: could not invalidate %s", scope, exc_info=True)
