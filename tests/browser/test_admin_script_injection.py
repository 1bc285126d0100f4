"""An inline script injected into an admin page does not run, while Wagtail's own inline start-up scripts do.

The admin's CSP allows inline scripts only with the request's nonce, and ``security.csp.AdminScriptNonceMiddleware``
gives it only to scripts of the exact shape Wagtail renders (date pickers, choosers, inline panels). There is no
real way for an editor's input to reach the admin unescaped, so the server runs production settings plus a
test-only middleware (``tests/browser/injecting_settings.py``) that writes
``<script>document.documentElement.dataset.injected = "ran"</script>`` into every admin page, as a field value
rendered unescaped would. In the event editor that script must be blocked (a CSP violation, the marker never
set), while Wagtail's date/time chooser opens its calendar and the InlinePanel „Ausnahme“ adds a form.
"""

import shutil
import tempfile

import pytest

from tests import servers
from tests.browser.conftest import log_in
from tests.browser.test_production_csp import ViolationRecorder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injecting_site():
    workdir = tempfile.mkdtemp(prefix="ak-inject-")
    database_url, drop_database = servers.new_database_url(workdir)
    env = servers.production_env(workdir, database_url, DJANGO_SETTINGS_MODULE="tests.browser.injecting_settings")
    process, url = servers.start_gunicorn(env, servers.free_port(), workers=1)
    yield type("InjectingSite", (), {"url": url, "env": env})
    servers.stop(process)
    drop_database()
    shutil.rmtree(workdir, ignore_errors=True)


def german_event_id(env):
    output = servers.manage(
        env, "shell", "-c",
        "from events.models import EventPage as E\n"
        "print(E.objects.filter(locale__language_code='de').order_by('path').first().id)",
        text=True,
    ).stdout
    return output.strip().splitlines()[-1]


def test_injected_inline_script_is_blocked_while_wagtails_own_scripts_work(injecting_site, browser):
    context = browser.new_context()
    recorder = ViolationRecorder(context)
    page = recorder.watch(context.new_page())
    log_in(page, injecting_site, servers.ADMIN_USERNAME, servers.ADMIN_PASSWORD)

    page.goto(f"{injecting_site.url}/admin/pages/{german_event_id(injecting_site.env)}/edit/")
    page.wait_for_load_state("networkidle")
    assert 'dataset.injected = "ran"' in page.content()  # the script is in the page ...
    assert page.evaluate("document.documentElement.dataset.injected") is None  # ... and did not run
    assert any("script-src" in violation or "inline" in violation for violation in recorder.violations(page))

    # Wagtail's date/time chooser (inline ``initDateTimeChooser(...)``) still opens its calendar.
    page.click("input[name=start]")
    assert page.locator(".xdsoft_datetimepicker").count() > 0  # one calendar per date field: the initialisers ran
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")

    # Wagtail's InlinePanel (inline ``new InlinePanel(...)``) still adds a form.
    total = page.locator("#id_exceptions-TOTAL_FORMS")
    before = int(total.input_value())
    page.locator("#id_exceptions-ADD").click(force=True)
    page.wait_for_function(
        f"Number(document.querySelector('#id_exceptions-TOTAL_FORMS').value) === {before + 1}", timeout=5000
    )
    assert page.evaluate("document.documentElement.dataset.injected") is None
    context.close()
