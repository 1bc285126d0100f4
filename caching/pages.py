"""The page cache: whole public pages from the cache, for visitors who are not signed in.

A cached page is stored with the version numbers of the scopes it depends on
(``caching.versions``: the whole site, its ancestor paths, its own path), read together with
the copy in one round trip, and used only while they are all current. What an editor's change
makes stale is decided in ``caching.dependencies``: a publish in one section leaves the other
sections' pages cached, and drafts, revisions or log entries make nothing stale.

Hits are normally answered before Django by the WSGI layer (``caching.wsgi``, wrapped around
the application in ``cms/wsgi.py``); this middleware stores what Django rendered, and answers
hits itself when the WSGI layer is not in front (``runserver``, the test client).

The rules, shared by both: only GET/HEAD of visitors without a session (signed-in editors never
get a cached page) and without ``Authorization``; only a 200 that sets no cookie and allows shared
caching, whose ``Vary`` names nothing but ``Accept-Encoding``/``Cookie``/``Accept-Language``;
the key holds the scheme (``X-Forwarded-Proto`` behind the proxy), the host, the path with its
query string (at most 256 characters, hashed; searches with ``?q=`` are not kept) and whether the
client takes gzip (pages are stored as sent).
"""

import hashlib
import logging

from django.conf import settings
from django.http import HttpResponse

from caching import versions

logger = logging.getLogger(__name__)

MAX_QUERY_STRING = 256
# /sw.js: the browser checks it for updates; a stored copy would keep an old worker alive.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/", "/django-admin/", "/sw.js")
SKIPPED_HEADERS = {"set-cookie", "x-page-cache"}
# Vary values a stored copy may carry: the key holds the encoding, and only visitors without
# cookies are served; a page's language is in its URL.
HARMLESS_VARY = {"accept-encoding", "cookie", "accept-language"}
ENVIRON_KEY = "caching.page"  # what the WSGI layer read, for the middleware to store with


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _searches(query_string):
    """Whether the query string holds a search (PAGE_CACHE_UNCACHED_PARAMETERS, default ``q``): every
    search is another address, and its results depend on every page, so searches are not kept here
    (the directory keeps its own search results in the frame cache, which goes stale with its entries)."""
    if not query_string:
        return False
    from urllib.parse import parse_qsl

    names = set(getattr(settings, "PAGE_CACHE_UNCACHED_PARAMETERS", ("q",)))
    return any(name in names for name, _value in parse_qsl(query_string, keep_blank_values=True))


def environ_cookies(environ):
    """The request's cookies (nothing to parse for most visitors, who send none)."""
    raw = environ.get("HTTP_COOKIE")
    if not raw:
        return {}
    from django.http.cookie import parse_cookie

    return parse_cookie(raw)


def environ_is_cacheable(environ, cookies):
    """The request rules on a WSGI environ (the same dict Django's ``request.META`` is) and its parsed cookies."""
    return (
        environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "HTTP_AUTHORIZATION" not in environ
        and not environ.get("PATH_INFO", "").startswith(EXCLUDED_PREFIXES)
        and len(environ.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not _searches(environ.get("QUERY_STRING", ""))
    )


def scheme_of(environ):
    """``https`` when the trusted proxy says so (SECURE_PROXY_SSL_HEADER, as Django reads it)."""
    header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if header:
        name, value = header
        forwarded = environ.get(name)
        if forwarded is not None:
            return "https" if forwarded.split(",", 1)[0].strip() == value else "http"
    return environ.get("wsgi.url_scheme", "http")


def accepts_gzip(environ):
    from django.middleware.gzip import re_accepts_gzip

    return bool(re_accepts_gzip.search(environ.get("HTTP_ACCEPT_ENCODING", "")))


def cache_key(environ):
    """A bounded key: the address's parts are hashed, so long hosts or paths cost no more room."""
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    address = f"{scheme_of(environ)}://{host.lower()}{path}?{query}"
    encoding = "gzip" if accepts_gzip(environ) else "identity"
    return f"page-cache:{encoding}:{hashlib.sha256(address.encode()).hexdigest()}"


def lookup(environ):
    """``(key, versions, stored)`` for a cacheable request; ``stored`` is ``None`` on a miss."""
    key, current, stored, _expires = lookup_entry(environ, cache_key(environ))
    return key, current, stored


def lookup_entry(environ, key):
    """``(key, versions, stored, expires)``: ``lookup`` with the time the stored copy expires."""
    scopes = versions.page_scopes(environ.get("PATH_INFO", "") or "/")
    current, stored, expires = versions.read_entry(key, scopes)
    return key, current, stored, expires


def response_is_cacheable(request, response):
    cache_control = response.get("Cache-Control", "").lower()
    refused = {"private", "no-store"}
    if not hasattr(response, "page_cache_seconds"):
        refused.add("no-cache")
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in refused)
        and vary <= HARMLESS_VARY
    )


def _lifetime(response, seconds):
    """How long to keep ``response``: PAGE_CACHE_SECONDS, or less when the view says so.

    A view may set ``response.page_cache_seconds`` (``None``: no limit of its own) to let this
    cache keep a page that it marks ``no-cache`` for browsers and CDNs, which cannot know when
    an editor changes something: the directory, whose "open now" texts are true until the next
    opening or closing.
    """
    allowed = getattr(response, "page_cache_seconds", None)
    return seconds if allowed is None else min(seconds, allowed)


def stored_value(response):
    """What is kept of a response: status, headers (an ``ETag`` added when it has none) and body."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
    if not response.has_header("ETag"):
        headers.append(("ETag", f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'))
    return response.status_code, headers, response.content


def not_modified(environ, headers):
    """Whether the client's copy (If-None-Match, else If-Modified-Since) is the stored one."""
    if "HTTP_IF_NONE_MATCH" not in environ and "HTTP_IF_MODIFIED_SINCE" not in environ:
        return False  # most requests: no date parsing on the hit path
    from django.utils.http import parse_etags, parse_http_date_safe

    found = {name.lower(): value for name, value in headers}
    etag = found.get("etag")
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        if etag is None:
            return False
        wanted = parse_etags(if_none_match)
        return "*" in wanted or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in wanted}
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE") or "")
    modified = parse_http_date_safe(found.get("last-modified") or "")
    return since is not None and modified is not None and modified <= since


NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "date", "etag", "expires", "last-modified", "vary"}


def read(key):
    """Compatibility for callers of the old single generation: ``(versions, value)`` under the site scope."""
    return versions.read(key, [versions.SITE])


def current_generation():
    """The whole site's version (what a change of the page frame increments)."""
    return versions.read("page-cache:none", [versions.SITE])[0][0]


def invalidate_all(**_kwargs):
    """Make every cached page and frame part stale."""
    versions.bump([versions.SITE])


def connect_invalidation_signals():
    from caching import dependencies

    dependencies.connect()


def mark_signed_in_private(request, response):
    """A page rendered for a signed-in editor (userbar, previews) is theirs alone: ``private`` keeps it out of
    shared caches and out of the service worker's offline store (README "Offline lesen"), which cannot see the
    session cookie itself."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES and getattr(getattr(request, "user", None), "is_authenticated", False):
        from django.utils.cache import patch_cache_control

        patch_cache_control(response, private=True)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lifetime = seconds()
        if not lifetime or not environ_is_cacheable(request.META, request.COOKIES):
            return mark_signed_in_private(request, self.get_response(request))
        known = request.META.get(ENVIRON_KEY)
        try:
            key, current, stored = known if known else lookup(request.META)
        except Exception:  # a cache outage makes the site slower, not broken
            logger.warning("page cache: cache unreachable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            status, headers, content = stored
            if not_modified(request.META, headers):
                response = HttpResponse(status=304)
                headers = [(name, value) for name, value in headers if name.lower() in NOT_MODIFIED_HEADERS]
            else:
                response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        lifetime = _lifetime(response, lifetime)
        if lifetime > 0 and response_is_cacheable(request, response):
            value = stored_value(response)
            response["ETag"] = dict((name.lower(), v) for name, v in value[1])["etag"]
            try:
                versions.store(key, current, value, lifetime)
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response
