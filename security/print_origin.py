"""The site's origin for printed link addresses, as one tiny inline style the CSP allows by its hash.

Printed links show where they lead (``static/css/site.css``, ``@media print``). Links inside the site
are site-relative (``/de/...``), which is useless on paper; CSS cannot make them absolute by itself, but
it can put a custom property in front of ``attr(href)``. ``origin_style`` renders
``<style>:root{--site-origin:"https://host"}</style>`` for the request's scheme and host (the page cache keys
pages by both, so a stored page always carries its own origin) and ``origin_style_hash`` gives the
``'sha256-...'`` source that ``security.csp.SiteCSPMiddleware`` adds to ``style-src``: the exact text and
nothing else, so the public policy still allows no other inline style and needs no per-request nonce
in a cached page body.
"""

import base64
import functools
import hashlib
import re

from django.core.exceptions import DisallowedHost

# What a host validated by ALLOWED_HOSTS can look like (names, IPv4, bracketed IPv6, port): nothing that
# could end the CSS string or the element. Anything else gets no style, and links print site-relative.
ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-:\[\]]+")


def origin_of(request):
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:  # Django answers 400 itself; print without an origin
        return ""
    return origin if ORIGIN.fullmatch(origin) else ""


def style_text(origin):
    return f':root{{--site-origin:"{origin}"}}'


@functools.lru_cache(maxsize=64)
def _hash(text):
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def origin_style(request):
    """The ``<style>`` element for ``request`` (empty without a usable origin)."""
    origin = origin_of(request) if request is not None else ""
    return f"<style>{style_text(origin)}</style>" if origin else ""


def origin_style_hash(request):
    """The CSP source that allows exactly ``origin_style(request)`` (``None`` without one)."""
    origin = origin_of(request)
    return _hash(style_text(origin)) if origin else None
