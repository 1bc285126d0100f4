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

Numbers start from the clock in microseconds, so a number lost from the cache (eviction, restart)
comes back higher than any copy stored under the old one.
"""

import logging
import threading
import time

from django.core.cache import cache, caches
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver

from caching import pushed

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


def _clock():
    """A starting number for a version the cache does not hold: microseconds, so a number lost and
    started again comes back higher than any copy stored under the old one (and never equal to it)."""
    return int(time.time() * 1_000_000)


def _current(version_keys, found):
    versions = []
    for version_key in version_keys:
        version = found.get(version_key)
        if version is None:
            cache.add(version_key, _clock(), timeout=None)
            version = cache.get(version_key)
        versions.append(version)
    return tuple(versions)


def current(scopes):
    """The current versions of ``scopes``, in one round trip (the WSGI layer's check of a copy it keeps).

    With Redis the numbers are read with one ``MGET`` on django-redis's own connection, without its
    per-key work (django-redis stores integers as plain digits, so they need no unpickling), and only
    for numbers this process does not keep: ``caching.pushed`` keeps the numbers read while Redis tells
    every process which ones change, so most hits on a page the process keeps ask nothing of the cache."""
    version_keys = [_key(scope) for scope in scopes]
    backend = _backend()
    raw = _raw_keys(version_keys, backend)
    if raw is not None:
        watch = pushed.watch(backend)
        kept, epoch = watch.lookup(raw)
        if kept is not None:
            return kept
        found = backend.client.get_client(write=False).mget(raw)
        if all(value is not None for value in found):
            numbers = tuple(int(value) for value in found)
            watch.remember(raw, numbers, epoch)
            return numbers
    return _current(version_keys, cache.get_many(version_keys))


_RAW_KEYS = {}
_thread = threading.local()


def _backend():
    """This thread's cache backend, found once: going through ``django.core.cache.cache`` costs an
    asgiref ``Local`` lookup on every attribute, a good part of a hit that asks Redis nothing."""
    backend = getattr(_thread, "backend", None)
    if backend is None:
        backend = _thread.backend = caches["default"]
    return backend


@receiver(setting_changed)
def _forget_backend(setting, **_kwargs):
    if setting == "CACHES":
        global _thread
        _thread = threading.local()


def _raw_keys(version_keys, backend=None):
    """django-redis's full keys (prefix and version) for ``version_keys``, made once per set; ``None``
    for other cache backends."""
    backend = backend or _backend()
    if not hasattr(getattr(backend, "client", None), "get_client"):
        return None
    marker = (backend.key_prefix, backend.version, *version_keys)
    raw = _RAW_KEYS.get(marker)
    if raw is None:
        if len(_RAW_KEYS) > 4096:
            _RAW_KEYS.clear()
        raw = _RAW_KEYS[marker] = [backend.make_and_validate_key(key) for key in version_keys]
    return raw


def read_entry(key, scopes):
    """``(versions, value, expires)``: as ``read``, with the wall-clock time the stored value expires
    (``None`` for values stored before it was kept)."""
    version_keys = [_key(scope) for scope in scopes]
    found = cache.get_many([key, *version_keys])
    versions = _current(version_keys, found)
    stored = found.get(key)
    if stored is not None and stored[0] == versions:
        return versions, stored[1], stored[2] if len(stored) > 2 else None
    return versions, None, None


def read(key, scopes):
    """``(versions, value)``: the value stored under ``key`` if it was stored under exactly the
    current versions of ``scopes`` (else ``None``), and those current versions. One round trip
    (plus one write per scope the cache had lost)."""
    versions, value, _expires = read_entry(key, scopes)
    return versions, value


def store(key, versions, value, timeout):
    """Keep ``value`` under ``key`` with the ``versions`` read when its request began (and when it expires,
    so a process keeping its own copy keeps it no longer)."""
    cache.set(key, (versions, value, time.time() + timeout), timeout)


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
            cache.add(_key(scope), _clock(), timeout=None)
        except Exception:  # the cache being down must not break publishing
            logger.warning("page cache: could not invalidate %s", scope, exc_info=True)
    backend = _backend()
    raw = _raw_keys([_key(scope) for scope in scopes], backend)
    if raw is not None:
        pushed.publish(backend, raw)  # every process forgets the numbers it kept of these scopes
