"""Content-Security-Policy: one strict policy, loosened only where the Wagtail admin needs it.

The public site has no inline scripts or styles, so it runs under the strict policy from
``CONTENT_SECURITY_POLICY``. The Wagtail admin's JavaScript sets inline style attributes
and shows blob: previews of images being uploaded; ``CSP_ADMIN_EXTRA`` adds those sources
for admin URLs only. Admin inline scripts run only with the request's nonce
(``AdminScriptNonceMiddleware``); 'unsafe-inline' scripts are allowed nowhere.
"""

import re

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


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
        return parts


SCRIPT_TAG = re.compile(rb"<script\b(?![^>]*\bnonce=)(?![^>]*\bsrc=)")


class AdminScriptNonceMiddleware:
    """Give the Wagtail admin's own inline scripts this request's CSP nonce.

    Wagtail 7.4 still renders small inline start-up scripts (chooser widgets, date pickers,
    inline panels, wagtail-localize's editor) into admin pages. Instead of allowing every inline
    script ('unsafe-inline'), each ``<script>`` element of an admin answer gets the nonce of this
    request, so inline event handlers (``onerror=``) and ``javascript:`` URLs stay blocked there
    too. Public pages are untouched and get no nonce. Placed inside GZipMiddleware, so it sees
    the uncompressed HTML.
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
            response.content = SCRIPT_TAG.sub(b'<script nonce="' + nonce + b'"', response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
