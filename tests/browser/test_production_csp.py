"""Under production settings the public site and the Wagtail admin work without CSP violations.

The server runs ``cms.settings.production`` with gunicorn (plain http on loopback), so the
browser receives the real Content-Security-Policy. Any "Refused to ..." console message or
``securitypolicyviolation`` event fails the test: a blocked script or style means something
an editor or visitor relies on is broken.
"""

import re
from urllib.parse import urljoin, urlparse

import pytest

from tests import servers

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def german_page_ids(env):
    """Ids of the German home page and the first German working-group page of the served site."""
    output = servers.manage(
        env, "shell", "-c",
        "from home.models import HomePage as H, WorkingGroupPage as W\n"
        "print(H.objects.get(locale__language_code='de').id,"
        " W.objects.filter(locale__language_code='de').order_by('path').first().id)",
        text=True,
    ).stdout
    return output.strip().splitlines()[-1].split()


class ViolationRecorder:
    def __init__(self, context):
        self.messages = []
        context.add_init_script(RECORD_VIOLATIONS)

    def watch(self, page):
        page.on("console", lambda message: self.messages.append(message.text))
        return page

    def violations(self, page):
        refused = [text for text in self.messages if "Content Security Policy" in text or text.startswith("Refused")]
        return refused + page.evaluate("window.__cspViolations || []")


def public_urls(page, site_url, limit=25):
    """The German home page and every same-site page linked from it, plus one RTL and one 404 page."""
    page.goto(f"{site_url}/de/")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
    urls = [f"{site_url}/de/"]
    for href in hrefs:
        absolute = urljoin(f"{site_url}/de/", href)
        parsed = urlparse(absolute)
        if parsed.netloc == urlparse(site_url).netloc and re.match(r"^/[a-z]{2}/", parsed.path):
            clean = f"{site_url}{parsed.path}"
            if clean not in urls:
                urls.append(clean)
    return urls[:limit] + [f"{site_url}/ar/", f"{site_url}/de/gibt-es-nicht/"]


def test_public_pages_have_a_strict_policy_and_no_violations(production_site, browser):
    context = browser.new_context()
    recorder = ViolationRecorder(context)
    page = recorder.watch(context.new_page())
    urls = public_urls(page, production_site.url)
    assert len(urls) > 5
    for url in urls:
        response = page.goto(url)
        policy = response.headers["content-security-policy"]
        # django-csp does not keep the directives in one order: compare them one by one.
        directives = dict(part.strip().partition(" ")[::2] for part in policy.split(";") if part.strip())
        assert directives["script-src"] == "'self'", url
        assert "unsafe-inline" not in policy and "nonce-" not in policy, url
        assert page.locator("h1").count() >= 1, url
        assert recorder.violations(page) == [], url
    context.close()


def test_admin_editor_works_without_violations(production_site, browser):
    context = browser.new_context()
    recorder = ViolationRecorder(context)
    page = recorder.watch(context.new_page())
    page.goto(f"{production_site.url}/admin/login/")
    page.fill("#id_username", servers.ADMIN_USERNAME)
    page.fill("#id_password", servers.ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{production_site.url}/admin/")
    visited = []
    for url in ("/admin/pages/", "/admin/images/", "/admin/images/multiple/add/", "/admin/documents/",
                "/admin/snippets/", "/admin/users/"):
        page.goto(f"{production_site.url}{url}")
        page.wait_for_load_state("networkidle")
        assert recorder.violations(page) == [], url
        visited.append(url)
    # The editors of the German home page and a working-group page: rich text, panels, publish menu.
    home_id, group_id = german_page_ids(production_site.env)
    home_edit, child_edit = f"/admin/pages/{home_id}/edit/", f"/admin/pages/{group_id}/edit/"
    for href in (home_edit, child_edit):
        page.goto(urljoin(production_site.url, href))
        page.wait_for_load_state("networkidle")
        assert page.locator("form[data-edit-form], form#page-edit-form").count() == 1, href
        assert page.locator("input[name=title]").count() == 1, href
        assert page.locator(".Draftail-Editor").count() > 0, href
        assert recorder.violations(page) == [], href
    context.close()


def test_a_failed_save_keeps_what_the_editor_typed(production_site, browser):
    context = browser.new_context()
    recorder = ViolationRecorder(context)
    page = recorder.watch(context.new_page())
    page.goto(f"{production_site.url}/admin/login/")
    page.fill("#id_username", servers.ADMIN_USERNAME)
    page.fill("#id_password", servers.ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{production_site.url}/admin/")
    page.goto(f"{production_site.url}/admin/pages/{german_page_ids(production_site.env)[1]}/edit/")
    page.wait_for_selector("input[name=founded]")
    page.fill("input[name=title]", "")
    page.fill("input[name=founded]", "Beispiel: vor dem Fehler getippt")
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Beispiel-Zusatz der Redaktion")
    synced = "[...document.querySelectorAll('input[type=hidden]')].some(i => i.value.includes('Beispiel-Zusatz'))"
    for _attempt in range(50):  # Draftail writes the hidden input a moment after typing
        if page.evaluate(synced):
            break
        page.wait_for_timeout(100)
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".error-message, .w-field__errors, .help-critical").count() > 0
    assert page.input_value("input[name=founded]") == "Beispiel: vor dem Fehler getippt"
    assert "Beispiel-Zusatz der Redaktion" in page.locator(".public-DraftEditor-content").first.inner_text()
    assert recorder.violations(page) == []
    context.close()
