"""What an editor sees while writing a new page in the admin (real browser, Wagtail's own scripts)."""

import pytest
from playwright.sync_api import expect

from tests import servers
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def waldshut_news_index_id(env):
    output = servers.manage(
        env, "shell", "-c",
        "from home.models import NewsIndexPage as N\n"
        "print(N.objects.get(locale__language_code='de', url_path__contains='waldshut').id)",
        text=True,
    ).stdout
    return output.strip().splitlines()[-1]


def test_a_new_pages_address_is_plain_ascii_with_umlauts_written_out(live_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    log_in(page, live_site, "beispiel-redaktion-waldshut", live_site.example_password)
    page.goto(f"{live_site.url}/admin/pages/add/home/newspage/{waldshut_news_index_id(live_site.env)}/")
    # Wagtail's scripts (deferred) must have connected the title to the slug before an editor types.
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", "Sprachcafé für Mütter in Lörrach – Straßenfest")
    page.locator("#id_title").blur()
    page.get_by_role("tab", name="Veröffentlichung").first.click()
    slug = page.locator("#id_slug")
    expect(slug).to_have_value("sprachcafe-fuer-muetter-in-loerrach-strassenfest")
    assert page.locator("label[for=id_slug]").inner_text().strip().startswith("Kurzadresse (URL)")
    context.close()
