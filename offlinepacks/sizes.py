"""True sizes: each page rendered as a visitor without cookies gets it, each file as stored.

Pages go through the whole middleware stack, as a request from the outside would (so the page
cache answers, or keeps what was rendered); nothing is guessed. Sizes are of the body as the
browser keeps it in Cache Storage, i.e. uncompressed (``Accept-Encoding`` is not sent): the
download itself is smaller when the connection is gzipped, never larger.
"""

import os
import posixpath
import re
from io import BytesIO
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.utils import translation

# The site's script fonts by page language (static/css/site.css, ``:lang()`` rules); "Language
# Names" (the language switcher's native names) is used on every page.
SCRIPT_FONTS = {"ar": "Noto Naskh Arabic", "fa": "Noto Naskh Arabic", "ps": "Noto Naskh Arabic",
                "ti": "Noto Sans Ethiopic"}
EVERY_PAGE_FONT = "Language Names"

_ATTRIBUTE = re.compile(r'<(?:img|source|link|script)\b[^>]*>', re.IGNORECASE)
_SRC = re.compile(r'\b(src|href)="([^"]+)"', re.IGNORECASE)
_SRCSET = re.compile(r'\bsrcset="([^"]+)"', re.IGNORECASE)
_REL = re.compile(r'\brel="([^"]+)"', re.IGNORECASE)
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
_FAMILY = re.compile(r"font-family:\s*\"([^\"]+)\"")
_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)")

_handler = None


class PageError(Exception):
    """A page of the pack did not answer 200 (the pack is not offered rather than stored half)."""


def _get_handler():
    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def render(request, path):
    """The response a visitor without cookies gets for ``path`` (with query string) on ``request``'s host."""
    parts = urlsplit(path)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": request.META.get("SERVER_NAME", "localhost"),
        "SERVER_PORT": request.META.get("SERVER_PORT", "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": BytesIO(),
        "wsgi.url_scheme": request.META.get("wsgi.url_scheme", "http"),
        "wsgi.errors": BytesIO(),
    }
    for name in ("HTTP_HOST", "REMOTE_ADDR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR"):
        if name in request.META:
            environ[name] = request.META[name]
    language = translation.get_language()
    try:
        response = _get_handler().get_response(WSGIRequest(environ))
    finally:
        translation.activate(language)
    if response.status_code != 200 or response.streaming:
        raise PageError(f"{path}: {response.status_code}")
    return response


def page_files(html):
    """Static files and images a page's HTML loads: stylesheets, scripts, ``<img>``/``<source>`` sources and srcsets."""
    found = []
    for tag in _ATTRIBUTE.findall(html):
        lowered = tag.lower()
        candidates = []
        if lowered.startswith("<link"):
            rel = _REL.search(tag)
            if not rel or "stylesheet" not in rel.group(1).lower():
                continue
        for _name, value in _SRC.findall(tag):
            candidates.append(value)
        for srcset in _SRCSET.findall(tag):
            candidates.extend(part.strip().split(" ")[0] for part in srcset.split(",") if part.strip())
        for url in candidates:
            url = url.replace("&amp;", "&")
            if url.startswith((settings.STATIC_URL, settings.MEDIA_URL)) and url not in found:
                found.append(url)
    return found


def _static_name(url):
    return urlsplit(url).path[len(settings.STATIC_URL):]


def _static_path(name):
    if staticfiles_storage.exists(name):
        return staticfiles_storage.path(name)
    return finders.find(name)


def file_size(url):
    """Bytes of a file under STATIC_URL or MEDIA_URL; ``None`` if there is no such file."""
    path = urlsplit(url).path
    try:
        if path.startswith(settings.STATIC_URL):
            found = _static_path(_static_name(path))
            return os.path.getsize(found) if found else None
        if path.startswith(settings.MEDIA_URL):
            return default_storage.size(path[len(settings.MEDIA_URL):])
    except (OSError, ValueError, NotImplementedError):
        return None
    return None


def stylesheet_fonts(url, language):
    """The font files of ``language``'s script and of every page that the stylesheet at ``url`` declares."""
    found = _static_path(_static_name(url)) if url.startswith(settings.STATIC_URL) else None
    if not found:
        return []
    with open(found, encoding="utf-8") as handle:
        css = handle.read()
    wanted = {EVERY_PAGE_FONT, SCRIPT_FONTS.get(language)}
    fonts = []
    for block in _FONT_FACE.findall(css):
        family = _FAMILY.search(block)
        if not family or family.group(1) not in wanted:
            continue
        for relative in _URL.findall(block):
            absolute = posixpath.normpath(urljoin(urlsplit(url).path, relative))
            if absolute not in fonts:
                fonts.append(absolute)
    return fonts
