"""Production settings plus one test-only middleware that smuggles an inline script into every admin page.

No real path renders an editor's input unescaped into the admin, so the browser test of
``security.csp.AdminScriptNonceMiddleware`` simulates one: ``InjectScriptIntoAdmin`` sits inside the nonce
middleware (later in ``MIDDLEWARE``, so it changes the answer first) and writes an inline script into the
admin's HTML exactly where a field value rendered with ``|safe`` would end up. Only used by
``tests/browser/test_admin_script_injection.py``; never part of the site.
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import MIDDLEWARE

INJECTED = '<script>document.documentElement.dataset.injected = "ran";</script>'

MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("security.csp.AdminScriptNonceMiddleware") + 1, "tests.browser.injecting_settings.InjectScriptIntoAdmin"
)


class InjectScriptIntoAdmin:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith("/admin/")
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"</main>" in response.content
        ):
            response.content = response.content.replace(b"</main>", INJECTED.encode() + b"</main>", 1)
        return response
