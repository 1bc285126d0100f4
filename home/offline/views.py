"""/sw.js, /<lang>/manifest.webmanifest and /<lang>/offline/ (README "Offline lesen")."""

import json
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from home.offline import enabled, network_timeout_ms
from home.public.search import declare_cacheability

HERE = Path(__file__).resolve().parent
# The header's colour and the page background (static/css/site.css: --accent-dark, --bg).
THEME_COLOR = "#073763"
BACKGROUND_COLOR = "#ffffff"
ICON_SIZES = (192, 512)
# The worker's comments are for the reader of sw.js, not for a phone on prepaid data (the 5 KB first-visit budget):
# block comments and whole-line // comments (sw.js has neither inside a string).
COMMENTS = re.compile(r"/\*.*?\*/\n?|^[ \t]*//[^\n]*\n|[ \t]+//[^\n\"']*$", re.DOTALL | re.MULTILINE)


@cache
def _worker(on):
    if not on:
        return (HERE / "sw-off.js").read_bytes()
    languages = json.dumps([code for code, _name in settings.LANGUAGES])
    source = COMMENTS.sub("", (HERE / "sw.js").read_text()).replace("__LANGUAGES__", languages)
    return source.replace("__TIMEOUT__", str(network_timeout_ms())).encode()


def service_worker(request):
    """The worker itself, revalidated by the browser on every update check (``no-cache``), never kept by the
    page cache (caching/pages.py excludes /sw.js). With OFFLINE_ENABLED off, a worker that removes itself."""
    response = HttpResponse(_worker(enabled()), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True)
    return response


def manifest(request):
    """One app per language: installing from /ar/ gives an Arabic, right-to-left app that opens on /ar/."""
    language = translation.get_language()
    data = {
        "id": f"/{language}/",
        "name": _("AK Migration Hochrhein"),
        "short_name": _("AK Migration"),
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": f"/{language}/",
        "scope": f"/{language}/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static(f"icons/app-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for size in ICON_SIZES
            for purpose in ("any", "maskable")
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/manifest+json; charset=utf-8"
    )
    declare_cacheability(response)
    return response


def offline_page(request):
    """What the service worker shows for a page that is neither online nor stored. The list of stored pages is
    filled in by static/js/offline.js from the visitor's own Cache Storage (nothing about it reaches the server),
    so the page is the same for everyone and the page cache keeps it like any page."""
    response = render(request, "offline/offline.html", {"offline_page": True})
    declare_cacheability(response)
    return response
