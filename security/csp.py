"""Content-Security-Policy: one strict policy, loosened only where the Wagtail admin needs it.

The public site has no inline scripts and one inline style (the site's origin for printed link
addresses, ``security.print_origin``), allowed by its sha256 hash alone, so it runs under the strict
policy from ``CONTENT_SECURITY_POLICY``. The Wagtail admin's JavaScript sets inline style attributes
and shows blob: previews of images being uploaded; ``CSP_ADMIN_EXTRA`` adds those sources
for admin URLs only. Admin inline scripts run only with the request's nonce
(``AdminScriptNonceMiddleware``); 'unsafe-inline' scripts are allowed nowhere.
"""

import json
import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

from security.print_origin import origin_style_hash


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            update = dict(parts.update or {})
            for directive, sources in getattr(settings, "CSP_ADMIN_EXTRA", {}).items():
                update[directive] = list(update.get(directive, [])) + list(sources)
            parts.update = update
        elif not report_only and response.get("Content-Type", "").startswith("text/html"):
            # The one inline style of public pages: the origin printed before site-relative link addresses.
            source = origin_style_hash(request)
            if source:
                update = dict(parts.update or {})
                update["style-src"] = [*update.get("style-src", []), source]
                parts.update = update
        return parts


# An inline ``<script>`` element (no ``src=``, no nonce yet): its attributes and its text.
INLINE_SCRIPT = re.compile(rb"<script\b(?![^>]*\bnonce=)(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# Data, not code: the browser never runs these, so they need no nonce.
DATA_TYPE = re.compile(rb"""\btype\s*=\s*["']?(application/(ld\+)?json|text/template)\b""", re.IGNORECASE)

# Wagtail's chooser widgets (``BaseChooser.render``): ``new <Constructor>("<id>", {<options>});``.
CHOOSER_CONSTRUCTORS = ("PageChooser", "SnippetChooser", "ImageChooser", "DocumentChooser", "Chooser")
# ``wagtailadmin/widgets/{date,time,datetime}_input.html``: ``initDateChooser("<id>", {<config>});``.
DATE_INITIALISERS = ("initDateChooser", "initDateTimeChooser", "initTimeChooser")
CALL_WITH_ID_AND_OPTIONS = re.compile(
    r'(?P<call>new [A-Za-z]+|[A-Za-z]+)\((?P<id>"(?:[^"\\<>]|\\u[0-9A-Fa-f]{4})*"), (?P<options>\{.*\})\);', re.DOTALL
)
# ``wagtailadmin/widgets/workflows.py`` (the task chooser of the workflow editor): ``createTaskChooser("<id>");``.
TASK_CHOOSER = re.compile(r'createTaskChooser\("[A-Za-z0-9_\-]*"\);')
# ``wagtailadmin/panels/{inline,multiple_chooser}_panel.html``; the options are ``escapejs`` output (``\uXXXX``).
PANEL = re.compile(
    r'\(function\(\) \{\s*var panel = new (InlinePanel|MultipleChooserPanel)\(JSON\.parse\("(?:[^"\\<>]|\\u[0-9A-Fa-f]{4})*"\)\);'
    r"\s*\}\)\(\);"
)
# wagtail-localize's translation editor (``edit_translation.html``): the chooser addresses.
LOCALIZE_CHOOSER_URLS = re.compile(
    r'if \(typeof window\.chooserUrls === "undefined"\) \{\s*window\.chooserUrls = \{\s*'
    r'imageChooser: "/[A-Za-z0-9_/\-]*",\s*documentChooser: "/[A-Za-z0-9_/\-]*",\s*pageChooser: "/[A-Za-z0-9_/\-]*",\s*'
    r"\}\s*\}"
)
# wagtail-localize's "translate" form (``submit_translation.html``): the "select all languages" box, word for word.
LOCALIZE_SELECT_ALL = " ".join(
    """document.addEventListener('DOMContentLoaded', function() {
    var selectAll = document.querySelector('[name="select_all"]');
    var locales = document.querySelectorAll('[name="locales"]');
    selectAll.addEventListener('change', function() {
    for (var i = 0; i < locales.length; i++) {
    locales[i].checked = selectAll.checked;
    }
    });
    });""".split()
)


def _is_json(text):
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def is_wagtails_own_script(code):
    """Whether ``code`` (an inline script's text) has exactly the shape of a start-up script Wagtail or
    wagtail-localize renders itself: a call of one of their initialisers with JSON data, nothing else."""
    code = code.strip()
    call = CALL_WITH_ID_AND_OPTIONS.fullmatch(code)
    if call:
        name = call["call"].removeprefix("new ")
        known = name in CHOOSER_CONSTRUCTORS if call["call"].startswith("new ") else name in DATE_INITIALISERS
        return known and _is_json(call["id"]) and _is_json(call["options"])
    if TASK_CHOOSER.fullmatch(code) or PANEL.fullmatch(code) or LOCALIZE_CHOOSER_URLS.fullmatch(code):
        return True
    return " ".join(code.split()) == LOCALIZE_SELECT_ALL


class AdminScriptNonceMiddleware:
    """Give the Wagtail admin's own inline scripts, and only those, this request's CSP nonce.

    Wagtail 7.4 still renders small inline start-up scripts (chooser widgets, date pickers,
    inline panels, wagtail-localize's editor) into admin pages. Instead of allowing every inline
    script ('unsafe-inline'), an inline ``<script>`` of an admin answer gets the nonce of this
    request only if its text has exactly the shape of one of those start-up scripts
    (``is_wagtails_own_script``: an initialiser called with JSON data). Any other inline script,
    such as one smuggled into the page through content, gets no nonce and the browser refuses to
    run it; inline event handlers (``onerror=``) and ``javascript:`` URLs stay blocked too. JSON data
    blocks (``type="application/json"``) are never run and need none. Public pages are untouched
    and get no nonce. Placed inside GZipMiddleware, so it sees the uncompressed HTML.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_admin_path(request.path_info)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"<script" in response.content
        ):
            nonce = str(request.csp_nonce).encode()
            response.content = INLINE_SCRIPT.sub(lambda match: self.with_nonce(match, nonce), response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def with_nonce(match, nonce):
        attributes, code = match.group(1), match.group(2)
        if DATA_TYPE.search(attributes) or not is_wagtails_own_script(code.decode("utf-8", "replace")):
            return match.group(0)
        return b'<script nonce="' + nonce + b'"' + match.group(0)[len(b"<script"):]
