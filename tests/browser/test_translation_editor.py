"""The admin in German, and right-to-left fields in wagtail-localize's translation editor."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_admin_is_german_even_for_an_english_browser(live_site, browser):
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    log_in(page, live_site, "admin", live_site.admin_password)
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.get_by_text("Mein Arbeitskreis").count() >= 1
    context.close()


def test_arabic_translation_fields_are_right_to_left(live_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_site, "admin", live_site.admin_password)
    # Find the Arabic page through the admin's own page API.
    edit_url = page.evaluate(
        """async (url) => {
            const response = await fetch(url + "/admin/api/main/pages/?slug=ak-migration-loerrach&locale=ar", {credentials: "same-origin"});
            const data = await response.json();
            return url + "/admin/pages/" + data.items[0].id + "/edit/";
        }""",
        live_site.url,
    )
    page.goto(edit_url)
    target = page.locator(".js-translation-editor li > p:first-child + div").first
    target.wait_for()
    assert target.get_attribute("dir") == "rtl" and target.get_attribute("lang") == "ar"
    assert page.locator(".js-translation-editor li > p:first-child").first.get_attribute("lang") == "de"
    # wagtail-localize's bundle writes "Deutsch to العربية translation"; the German admin says it in German.
    headings = page.locator(".js-translation-editor section h3").all_inner_texts()
    assert "Übersetzung: Deutsch → العربية" in headings
    assert " translation" not in page.locator(".js-translation-editor").inner_text()
    page.locator(".js-translation-editor li button", has_text="Bearbeiten").first.click()
    textarea = page.locator(".js-translation-editor textarea").first
    textarea.wait_for()
    assert textarea.get_attribute("dir") == "rtl" and textarea.get_attribute("lang") == "ar"
    context.close()
