"""Content-Security-Policy: one strict policy, loosened only where the Wagtail admin needs it.

The public site has no inline scripts or styles, so it runs under the strict policy from
``CONTENT_SECURITY_POLICY``. The Wagtail admin's JavaScript sets inline style attributes
and shows blob: previews of images being uploaded; ``CSP_ADMIN_EXTRA`` adds those sources
for admin URLs only. Scripts stay 'self' everywhere.
"""

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
