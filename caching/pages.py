"""The page cache: whole public pages from the cache, for visitors who are not signed in.

A cached page is stored with a *generation* number kept in the cache itself, and used
only while that number is current (both are read in one round trip). Anything a public
page may show changing (a page, snippet, directory entry, event, setting, translation,
image, redirect being saved, published, unpublished, moved or deleted) increments the
generation, so every process sharing the cache (Redis) stops using every older copy at once. That is coarser than tracking which page shows what, and for a
site whose editors publish a few times a day it is simple and always right.

The increment runs again when the transaction commits: a visitor's request that rendered
the old content between the change and the commit cannot keep a stale copy alive.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
MAX_QUERY_STRING = 256
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/", "/django-admin/")
# Apps whose data is shown on public pages; a change to any of their models invalidates.
INVALIDATING_APPS = {
    "wagtailcore",
    "home",
    "orgdirectory",
    "events",
    "wagtailredirects",
    "wagtailimages",
    "wagtaildocs",
    "wagtail_localize",
    "taggit",
}
SKIPPED_HEADERS = {"set-cookie"}


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A time-based start is higher than any generation the cache may have lost.
        cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate_all(**_kwargs):
    """Make every cached page stale, now and again after the current transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        current_generation()
    except Exception:  # the cache being down must not break publishing
        logger.warning("page cache: could not invalidate", exc_info=True)


def _on_model_change(sender, **kwargs):
    if sender._meta.app_label in INVALIDATING_APPS:
        invalidate_all()


def connect_invalidation_signals():
    from wagtail import signals

    for signal in (
        signals.page_published,
        signals.page_unpublished,
        signals.published,
        signals.unpublished,
        signals.post_page_move,
        signals.page_slug_changed,
    ):
        signal.connect(invalidate_all, dispatch_uid=f"page_cache_{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"page_cache_model_{id(signal)}")


def _request_is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(EXCLUDED_PREFIXES)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def _response_is_cacheable(request, response):
    cache_control = response.get("Cache-Control", "").lower()
    refused = {"private", "no-store"}
    if not hasattr(response, "page_cache_seconds"):
        refused.add("no-cache")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in refused)
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


def _cache_key(request):
    encoding = "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    return f"page-cache:{encoding}:{request.get_host()}:{request.get_full_path()}"


def read(key):
    """The current generation, and the value stored under ``key`` if it was stored in that
    generation (else ``None``): one round trip to the cache. Also used by the frame cache (caching.frame)."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = current_generation()
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def store(key, generation, value, timeout):
    """Keep ``value`` under ``key`` for the ``generation`` that was current when its request began."""
    cache.set(key, (generation, value), timeout)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _request_is_cacheable(request):
            return self.get_response(request)
        key = _cache_key(request)
        try:
            generation, stored = read(key)
        except Exception:  # a cache outage makes the site slower, not broken
            logger.warning("page cache: cache unreachable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        lifetime = _lifetime(response, seconds)
        if lifetime > 0 and _response_is_cacheable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS]
            try:
                store(key, generation, (response.status_code, headers, response.content), lifetime)
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response
