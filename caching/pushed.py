"""Version numbers pushed to each process (Redis pub/sub), so a page-cache hit needs no round trip.

A hit on a page a process keeps (``caching.wsgi``) only has to know whether the version numbers it
was stored under are still current. Asking Redis costs a round trip on every hit; here each process
subscribes to one channel instead, on which every change (``caching.versions.bump``) names the scopes
it made stale after incrementing them. A process keeps the numbers it has read (``known``) and forgets
a scope as soon as a message names it; a scope it does not know is read from Redis as before (one
``MGET``) and kept. Redis 7.4's client-side caching would do the same, but the server here is 7.0.

When is a change seen? Redis writes a ``PUBLISH`` to every subscriber's socket in the same pass of its
event loop as the reply to the publisher, and on loopback the bytes are in the subscriber's socket
before that pass ends. Every check of a kept number first reads whatever has arrived on the
subscription (a non-blocking poll under this process's lock; a thread waits for the socket between
hits), so a request that starts after the publisher got its reply sees the change, unless Redis was
preempted between those writes: the bound is that gap, measured by ``tests/test_pushed_versions.py``
(well under a millisecond on loopback; across hosts, one network delivery). The publishing process
forgets the scopes itself before ``bump`` returns.

Safe fallback: while the subscription is not confirmed (starting, Redis restarting, any error on it)
nothing is kept and every check asks Redis, exactly as without this module; a reconnect starts with
nothing known. A message arriving while a number is being read cannot leave that stale number kept
(``epoch``). Each process (gunicorn forks its workers) has its own subscription, started on first use.
"""

import logging
import os
import select
import threading
import time

logger = logging.getLogger(__name__)

CHANNEL = "page-cache:changed"
RECONNECT_SECONDS = 1.0
# A connection that died without a word (a firewall dropping an idle one) would leave a process keeping
# stale numbers: the listener pings through the subscription every PING_SECONDS, and a process that has
# heard nothing on it for SILENCE_SECONDS asks Redis again until it does.
PING_SECONDS = 2.0
SILENCE_SECONDS = 5.0
KNOWN_LIMIT = 100_000  # scopes kept per process (a scope is a few dozen bytes)

_watches = {}
_watches_lock = threading.Lock()


class Watch:
    """One process's subscription and the version numbers it keeps while subscribed."""

    def __init__(self, client, channel):
        self.client = client
        self.channel = channel
        self.lock = threading.Lock()
        self.known = {}
        self.epoch = 0
        self.connected = False
        self.pubsub = None
        self.poller = None  # the subscription's socket; readable when a message (or its rest) has arrived
        self.heard = 0.0  # when the subscription last said anything (a message, a subscription, a pong)
        self.stopped = False
        self.pid = os.getpid()
        self.thread = threading.Thread(target=self._run, name="page-cache-versions", daemon=True)
        self.thread.start()

    # --- the hit path ------------------------------------------------------------------------

    def lookup(self, keys):
        """The kept numbers of ``keys`` (raw Redis keys), or ``None`` when one is not kept or the
        subscription is not confirmed; also the epoch to hand to ``remember`` after reading them."""
        with self.lock:
            if self.connected and self.poller.poll(0):  # something arrived: a syscall, not redis-py's reading
                self._drain()
            if not self.connected or time.monotonic() - self.heard > SILENCE_SECONDS:
                return None, None
            known = self.known
            try:
                return tuple(known[key] for key in keys), self.epoch
            except KeyError:
                return None, self.epoch

    def remember(self, keys, values, epoch):
        """Keep numbers read from Redis, unless a message came in (or the subscription dropped) since
        ``epoch``: the numbers read may then already be stale."""
        with self.lock:
            if not self.connected or epoch is None or epoch != self.epoch:
                return
            if len(self.known) > KNOWN_LIMIT:
                self.known.clear()
            self.known.update(zip(keys, values, strict=True))

    def forget(self, keys):
        with self.lock:
            self.epoch += 1
            for key in keys:
                self.known.pop(key, None)

    # --- the subscription ---------------------------------------------------------------------

    def _drain(self):
        """Handle every message that has arrived (lock held); an error drops the subscription."""
        try:
            while True:
                message = self.pubsub.get_message(timeout=0.0)
                if message is None:
                    return
                self._handle(message)
        except Exception:
            logger.warning("page cache: version subscription lost", exc_info=True)
            self._drop()

    def _handle(self, message):
        self.heard = time.monotonic()
        kind = message.get("type")
        if kind == "subscribe":
            self.poller = select.poll()
            self.poller.register(self.pubsub.connection._sock, select.POLLIN)
            self.known.clear()
            self.epoch += 1
            self.connected = True
        elif kind == "message":
            self.epoch += 1
            data = message.get("data") or b""
            for key in (data.decode() if isinstance(data, bytes) else str(data)).split("\n"):
                self.known.pop(key, None)

    def _drop(self):
        self.connected = False
        self.known.clear()
        self.epoch += 1
        pubsub, self.pubsub = self.pubsub, None
        if pubsub is not None:
            try:
                pubsub.close()
            except Exception:
                pass

    def _run(self):
        failures = 0
        while not self.stopped:
            try:
                pubsub = self.client.pubsub()
                pubsub.subscribe(self.channel)
                with self.lock:
                    self.pubsub = pubsub
                pinged = time.monotonic()
                while not self.stopped:
                    with self.lock:
                        if self.pubsub is not pubsub:
                            break
                        if time.monotonic() - pinged > PING_SECONDS:
                            pubsub.ping()
                            pinged = time.monotonic()
                        self._drain()
                        sock = getattr(pubsub.connection, "_sock", None) if self.pubsub is pubsub else None
                    if sock is None:
                        break
                    failures = 0
                    select.select([sock], [], [], 1.0)
            except Exception:
                # Once per outage: Redis being away is logged by every request that asks it anyway.
                (logger.debug if failures else logger.warning)("page cache: version subscription failed",
                                                               exc_info=True)
                failures += 1
            with self.lock:
                self._drop()
            if not self.stopped:
                time.sleep(RECONNECT_SECONDS)

    def stop(self):
        self.stopped = True
        with self.lock:
            self._drop()


def forget_all():
    """Forget every kept number in this process: after the cache was emptied by hand (``cache.clear()``,
    ``FLUSHDB``), which no message announces. Content changes are always announced; an emptied cache only
    matters where content changed without one (a test rolling back its database)."""
    with _watches_lock:
        for found in _watches.values():
            found.forget(list(found.known))


def stop_all():
    """Stop every subscription of this process (tests that stop their Redis server)."""
    with _watches_lock:
        for found in _watches.values():
            found.stop()
        _watches.clear()


def watch(cache):
    """This process's watch for ``cache`` (django-redis), started on first use; ``None`` for other backends."""
    found = getattr(cache, "_pushed_watch", None)  # on the backend of this thread, once it knows
    if found is not None and found.pid == os.getpid():
        return found
    client_of = getattr(getattr(cache, "client", None), "get_client", None)
    if client_of is None:
        return None
    client = client_of(write=True)
    pool = client.connection_pool
    marker = (os.getpid(), tuple(sorted((name, str(pool.connection_kwargs.get(name)))
                                        for name in ("host", "port", "db", "path"))), cache.key_prefix)
    found = _watches.get(marker)
    if found is None:
        with _watches_lock:
            found = _watches.get(marker)
            if found is None:
                found = _watches[marker] = Watch(client, cache.make_and_validate_key(CHANNEL))
    cache._pushed_watch = found
    return found


def publish(cache, keys):
    """Tell every process that ``keys`` (raw Redis keys) changed, and forget them here at once."""
    found = watch(cache)
    if found is None:
        return
    found.forget(keys)
    try:
        cache.client.get_client(write=True).publish(found.channel, "\n".join(keys))
    except Exception:
        logger.warning("page cache: could not announce a change", exc_info=True)
