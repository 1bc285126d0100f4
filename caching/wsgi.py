"""Cached pages and static files answered before Django: the WSGI application's outer layers.

A cache hit inside Django still paid for the middleware chain, URL resolution and a response
object; here it costs one cache round trip (``caching.pages.lookup``) and the bytes stored.
The rules are the page cache's own (``caching.pages``: anonymous GET/HEAD only, no session
cookie, the same key with scheme, host, path, query and encoding, ``If-None-Match`` /
``If-Modified-Since`` answered with 304). A miss goes on into Django, with what was read
handed over in the environ, so ``PageCacheMiddleware`` stores the rendered page under the
versions read before rendering began and does not read the cache a second time.

``static_files`` wraps the application in WhiteNoise the same way, so a stylesheet or font never
enters Django either (WhiteNoise's middleware stays for ``runserver``, where files come from the
finders).
"""

import logging
import re
from http import HTTPStatus
from pathlib import Path

from django.conf import settings
from django.http.cookie import parse_cookie

from caching import pages

logger = logging.getLogger(__name__)

# ManifestStaticFilesStorage names: "site.3a7b2c1d9e0f.css" (12 hex digits), cacheable forever.
HASHED_NAME = re.compile(r"^.+\.[0-9a-f]{12}\..+$")
SKIPPED_ON_HIT = {"content-length", "x-page-cache"}


class PageCacheApplication:
    """WSGI middleware answering page-cache hits; everything else goes to ``app`` (Django)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if not pages.seconds():
            return self.app(environ, start_response)
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if not pages.environ_is_cacheable(environ, cookies):
            return self.app(environ, start_response)
        try:
            key, current, stored = pages.lookup(environ)
        except Exception:  # a cache outage makes the site slower, not broken
            logger.warning("page cache: cache unreachable", exc_info=True)
            return self.app(environ, start_response)
        if stored is None:
            environ[pages.ENVIRON_KEY] = (key, current, None)
            return self.app(environ, start_response)
        status, headers, content = stored
        if pages.not_modified(environ, headers):
            status, content = 304, b""
            headers = [(name, value) for name, value in headers if name.lower() in pages.NOT_MODIFIED_HEADERS]
        headers = [(name, value) for name, value in headers if name.lower() not in SKIPPED_ON_HIT]
        headers.append(("Content-Length", str(len(content))))
        headers.append(("X-Page-Cache", "hit"))
        headers.extend(_language_cookie(environ, cookies, status, headers))
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [content]


def _language_cookie(environ, cookies, status, headers):
    """The visitor's language remembered as Django would (``translations.middleware``), on a hit too.

    The cookie differs only by language, so its header is built once per language (``Max-Age``
    alone: the same lifetime without a date to format on every hit).
    """
    from django.utils.translation import get_language_from_path

    language = get_language_from_path(environ.get("PATH_INFO", ""))
    if not language or status != 200:
        return []
    if not any(name.lower() == "content-type" and value.startswith("text/html") for name, value in headers):
        return []
    if cookies.get(settings.LANGUAGE_COOKIE_NAME) == language:
        return []
    header = _COOKIE_HEADERS.get(language)
    if header is None:
        from django.http import HttpResponse

        from translations.middleware import remember_language

        probe = HttpResponse(content_type="text/html")
        remember_language(environ.get("PATH_INFO", ""), {}, probe)
        morsel = probe.cookies[settings.LANGUAGE_COOKIE_NAME]
        morsel["expires"] = ""
        header = _COOKIE_HEADERS[language] = morsel.output(header="").strip()
    return [("Set-Cookie", header)]


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
