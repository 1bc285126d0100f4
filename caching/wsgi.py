"""Cached pages and static files answered before Django: the WSGI application's outer layers.

A cache hit inside Django still paid for the middleware chain, URL resolution and a response
object; here it costs one cache round trip (``caching.pages.lookup``) and the bytes stored.
The rules are the page cache's own (``caching.pages``: anonymous GET/HEAD only, no session
cookie, the same key with scheme, host, path, query and encoding, ``If-None-Match`` /
``If-Modified-Since`` answered with 304). A miss goes on into Django, with what was read
handed over in the environ, so ``PageCacheMiddleware`` stores the rendered page under the
versions read before rendering began and does not read the cache a second time.

While a page made stale by a publish is being rendered again (by a thread of this process, or by
another process: a claim in the cache says so), other visitors of that page get the copy this
process kept from before the publish, marked ``X-Page-Cache: stale``, instead of waiting or rendering
it once more: as if they had come a moment earlier. Nobody gets a stale copy when no rendering is
under way (of that page, or in this process of another stale page: they are rendered one at a time),
so the copy a visitor gets after the renderings is the new one.

``static_files`` wraps the application in WhiteNoise the same way, so a stylesheet or font never
enters Django either (WhiteNoise's middleware stays for ``runserver``, where files come from the
finders).
"""

import logging
import re
import threading
import time
from http import HTTPStatus
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from caching import pages, versions

logger = logging.getLogger(__name__)

# ManifestStaticFilesStorage names: "site.3a7b2c1d9e0f.css" (12 hex digits), cacheable forever.
HASHED_NAME = re.compile(r"^.+\.[0-9a-f]{12}\..+$")
SKIPPED_ON_HIT = {"content-length", "x-page-cache"}
CLAIM_PREFIX = "page-cache:rendering:"
# Copies each process keeps of the pages it answered (the most recently stored ones): a hit then
# reads only the version numbers from the cache, not the page, and does no work that the first
# hit did (headers, language, decoding).
KEPT_COPIES = 512
KEPT_BODY_LIMIT = 512 * 1024
# How long a request waits for another thread rendering the same page before rendering it itself.
RENDER_WAIT_SECONDS = 5
STALE_RENDERS = 1


class Copy:
    """A stored page made ready to send: everything a hit needs that does not depend on the request."""

    __slots__ = ("versions", "expires", "status", "status_line", "headers", "not_modified_headers", "stored_headers",
                 "body", "language")

    def __init__(self, current, stored, expires, path):
        status, headers, content = stored
        self.versions = current
        self.expires = expires
        self.status = status
        self.status_line = f"{status} {HTTPStatus(status).phrase}"
        self.stored_headers = headers
        kept = [(name, value) for name, value in headers if name.lower() not in SKIPPED_ON_HIT]
        self.headers = [*kept, ("Content-Length", str(len(content))), ("X-Page-Cache", "hit")]
        self.not_modified_headers = [
            *[(name, value) for name, value in kept if name.lower() in pages.NOT_MODIFIED_HEADERS],
            ("Content-Length", "0"),
            ("X-Page-Cache", "hit"),
        ]
        self.body = content
        html = any(name.lower() == "content-type" and value.startswith("text/html") for name, value in headers)
        self.language = _language_of(path) if status == 200 and html else None


class PageCacheApplication:
    """WSGI middleware answering page-cache hits; everything else goes to ``app`` (Django).

    Each process keeps the copies it served (``KEPT_COPIES``, with the versions they were stored
    under and their expiry): a later hit asks the cache only whether those versions are still
    current, in the same one round trip, so an editor's publish reaches every process at once.
    """

    def __init__(self, app, kept=KEPT_COPIES):
        self.app = app
        self.kept = kept
        self.copies = {}
        self.rendering = {}  # key → lock held by the thread rendering that page
        # Pages with a stale copy are rendered again one at a time per process: the other threads
        # answer hits and stale copies meanwhile instead of all rendering at once.
        self.stale_renders = threading.Semaphore(STALE_RENDERS)
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        if not pages.seconds():
            return self.app(environ, start_response)
        cookies = pages.environ_cookies(environ)
        if not pages.environ_is_cacheable(environ, cookies):
            return self.app(environ, start_response)
        try:
            key = pages.cache_key(environ)
            copy = self.copies.get(key)
            stale = None
            if copy is not None:
                if copy.expires <= time.time():
                    self.copies.pop(key, None)
                elif versions.current(versions.page_scopes(environ.get("PATH_INFO", "") or "/")) == copy.versions:
                    return _answer(copy, environ, cookies, start_response)
                else:
                    stale = copy  # kept until the new copy replaces it, for visitors during the rendering
            key, current, stored, expires = pages.lookup_entry(environ, key)
        except Exception:  # a cache outage makes the site slower, not broken
            logger.warning("page cache: cache unreachable", exc_info=True)
            return self.app(environ, start_response)
        if stored is None:
            return self._render(key, current, environ, cookies, start_response, stale)
        copy = Copy(current, stored, expires or 0, environ.get("PATH_INFO", ""))
        if expires and self.kept and len(copy.body) <= KEPT_BODY_LIMIT:
            self._keep(key, copy)
        return _answer(copy, environ, cookies, start_response)

    def _render(self, key, current, environ, cookies, start_response, stale=None):
        """Django renders the page once: a request for a page another thread of this process is
        rendering gets the ``stale`` copy this process kept, or else waits for that rendering and
        takes the copy it stored; with a stale copy, a page another process claimed is not rendered
        here too, and only ``STALE_RENDERS`` such pages at a time. (After a publish, the pages it
        made stale are asked for by several visitors at once; rendering each several times over, and
        visitors waiting for it, on a busy machine is what made the slowest answers slow.)"""
        with self.lock:
            rendering = self.rendering.get(key)
            if rendering is None:
                rendering = self.rendering[key] = threading.Lock()
                rendering.acquire()
                mine = True
            else:
                mine = False
        if mine:
            claimed = slot = False
            try:
                if stale is not None:
                    slot = self.stale_renders.acquire(blocking=False)
                    claimed = slot and _claim(key)
                    if not claimed:
                        return _answer(stale, environ, cookies, start_response, stale=True)
                environ[pages.ENVIRON_KEY] = (key, current, None)
                return self.app(environ, start_response)
            finally:
                if claimed:
                    _release(key)
                if slot:
                    self.stale_renders.release()
                with self.lock:
                    self.rendering.pop(key, None)
                rendering.release()
        if stale is not None:
            return _answer(stale, environ, cookies, start_response, stale=True)
        if rendering.acquire(timeout=RENDER_WAIT_SECONDS):
            rendering.release()
            try:
                key, current, stored, expires = pages.lookup_entry(environ, key)
            except Exception:
                logger.warning("page cache: cache unreachable", exc_info=True)
                return self.app(environ, start_response)
            if stored is not None:
                return _answer(Copy(current, stored, expires or 0, environ.get("PATH_INFO", "")), environ,
                               cookies, start_response)
        environ[pages.ENVIRON_KEY] = (key, current, None)
        return self.app(environ, start_response)

    def _keep(self, key, copy):
        with self.lock:
            self.copies.pop(key, None)
            while len(self.copies) >= self.kept:
                self.copies.pop(next(iter(self.copies)))
            self.copies[key] = copy


def _claim(key):
    """Whether this process may render ``key`` now: no other process said it is rendering it."""
    try:
        return cache.add(CLAIM_PREFIX + key, 1, timeout=RENDER_WAIT_SECONDS)
    except Exception:
        logger.warning("page cache: cache unreachable", exc_info=True)
        return True


def _release(key):
    try:
        cache.delete(CLAIM_PREFIX + key)
    except Exception:
        logger.warning("page cache: cache unreachable", exc_info=True)


def _answer(copy, environ, cookies, start_response, stale=False):
    if pages.not_modified(environ, copy.stored_headers):
        start_response("304 Not Modified", list(copy.not_modified_headers))
        return [b""]
    headers = copy.headers
    if stale:
        headers = [(name, "stale") if name == "X-Page-Cache" else (name, value) for name, value in headers]
    if copy.language and cookies.get(settings.LANGUAGE_COOKIE_NAME) != copy.language:
        headers = [*headers, ("Set-Cookie", _cookie_header(copy.language, environ))]
    else:
        headers = list(headers)  # servers may add to the list they are given
    start_response(copy.status_line, headers)
    return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [copy.body]


def _language_of(path):
    from django.utils.translation import get_language_from_path

    return get_language_from_path(path) or None


def _cookie_header(language, environ):
    """The visitor's language remembered as Django would (``translations.middleware``), on a hit too.

    The cookie differs only by language, so its header is built once per language (``Max-Age``
    alone: the same lifetime without a date to format on every hit).
    """
    header = _COOKIE_HEADERS.get(language)
    if header is None:
        from django.http import HttpResponse

        from translations.middleware import remember_language

        probe = HttpResponse(content_type="text/html")
        remember_language(environ.get("PATH_INFO", ""), {}, probe)
        morsel = probe.cookies[settings.LANGUAGE_COOKIE_NAME]
        morsel["expires"] = ""
        header = _COOKIE_HEADERS[language] = morsel.output(header="").strip()
    return header


_COOKIE_HEADERS = {}


def _static_headers(headers, path, url):
    headers["X-Content-Type-Options"] = "nosniff"


def static_files(app):
    """``app`` behind WhiteNoise serving STATIC_ROOT (when collected; not where finders serve files)."""
    from whitenoise import WhiteNoise

    root = Path(settings.STATIC_ROOT) if settings.STATIC_ROOT else None
    if getattr(settings, "WHITENOISE_USE_FINDERS", False) or root is None or not root.is_dir():
        return app
    return WhiteNoise(
        app,
        root=str(root),
        prefix=settings.STATIC_URL,
        immutable_file_test=lambda path, url: bool(HASHED_NAME.match(url)),
        add_headers_function=_static_headers,
    )


def wrap(app):
    """Django's WSGI application with static files and cached pages answered in front of it."""
    return static_files(PageCacheApplication(app))
