"""``/<lang>/offline/paket/<kind>/<id>/``: what a pack stores, with true sizes, as JSON.

Public and the same for every visitor of a language: no cookie, no session is read or set. Working
out the sizes renders every page of the pack, so the answer is kept in the cache under the content
versions of every address it lists (``caching.versions``, the scopes the page cache keys pages
with): a publish that changes one of its pages, or adds or removes a page below the pack's root,
makes it stale; a hit costs two cache round trips and no database query. The calendar's and the
directory's contents also change with time (the next weeks, "open now"), so a kept answer
lives at most ``OFFLINE_PACK_SECONDS`` (default one hour). With neither the page cache nor the frame cache
switched on, changes make nothing stale (``caching.dependencies.mode``), so nothing is kept then.

A pack larger than ``OFFLINE_PACK_BUDGET`` bytes (default 2 MB) is answered with
``"over_budget": true``; the script then stores nothing and says so with the page's text in the
visitor's language (``templates/includes/offline_save.html``).
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from caching import dependencies, versions
from home import offline
from offlinepacks import contents, sizes

DEFAULT_BUDGET = 2 * 1024 * 1024
DEFAULT_SECONDS = 3600
KEY_PREFIX = "offline-pack:v1:"
MAX_ID = 2**31 - 1  # larger numbers are no page, and SQLite cannot even compare them


def budget():
    return getattr(settings, "OFFLINE_PACK_BUDGET", DEFAULT_BUDGET)


def lifetime():
    return getattr(settings, "OFFLINE_PACK_SECONDS", DEFAULT_SECONDS)


def describe(request, kind, page_id, language):
    """The pack's JSON body, the scopes it depends on with their versions, and how long it may be kept
    (renders every page: only on a miss)."""
    pack = contents.build(kind, page_id, language)
    scopes = sorted({scope for url in pack.pages for scope in versions.page_scopes(url.split("?")[0])})
    # Read before rendering: a publish while the pages render makes what is kept stale at once.
    kept_versions = versions.current(scopes)
    pages, files, seconds = [], [], lifetime()
    for url in pack.pages:
        try:
            response = sizes.render(request, url)
        except sizes.PageError:
            continue  # a page that does not answer (e.g. gone meanwhile) is not stored
        allowed = getattr(response, "page_cache_seconds", None)
        if allowed is not None:
            seconds = max(1, min(seconds, allowed))
        pages.append({"url": url, "bytes": len(response.content)})
        if response.get("Content-Type", "").startswith("text/html"):
            for file_url in sizes.page_files(response.content.decode(response.charset or "utf-8")):
                if file_url not in files:
                    files.append(file_url)
    for url in list(files):
        if url.endswith(".css"):
            for font in sizes.stylesheet_fonts(url, language):
                if font not in files:
                    files.append(font)
    described_files = []
    for url in files:
        size = sizes.file_size(url)
        if size is not None:
            described_files.append({"url": url, "bytes": size})
    total = sum(item["bytes"] for item in pages) + sum(item["bytes"] for item in described_files)
    body = {
        "kind": kind,
        "id": pack.root.pk,
        "lang": language,
        "title": pack.title,
        "pages": pages,
        "files": described_files,
        "bytes": total,
        "budget": budget(),
        "over_budget": total > budget(),
        "sizes": "uncompressed bytes as stored in Cache Storage",
    }
    return body, scopes, kept_versions, seconds


def _cached(key):
    """``(body, ...)`` kept under ``key`` if every version it was kept under is still current."""
    kept = cache.get(key)
    if kept is None:
        return None
    scopes, kept_versions, body = kept
    if versions.current(scopes) != kept_versions:
        return None
    return body


def pack_view(request, kind, page_id):
    language = translation.get_language()
    if kind not in contents.KINDS or page_id > MAX_ID or not offline.enabled():
        raise Http404
    key = f"{KEY_PREFIX}{language}:{kind}:{page_id}"
    body = _cached(key)
    if body is None:
        body, scopes, kept_versions, seconds = describe(request, kind, page_id, language)
        if dependencies.mode() != "off":  # with neither page nor frame cache on, nothing would make it stale
            cache.set(key, (scopes, kept_versions, body), seconds)
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
