"""The directory on a 360-px phone in Arabic: filter by "speaks Arabic" and open an entry."""

import pytest

pytestmark = pytest.mark.browser


def test_arabic_visitor_filters_by_arabic_and_opens_a_detail_page(live_site, phone, output_dir):
    page = phone.new_page()
    page.goto(f"{live_site.url}/ar/organisationsverzeichnis/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.locator(".directory-filters__more summary").click()
    page.select_option("#directory-sprache", "ar")
    page.locator(".directory-filters button[type=submit]").click()
    page.wait_for_url("**sprache=ar**")

    results = page.locator(".directory-result h2 a")
    assert results.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The language filter is labelled in Arabic script on the Arabic page.
    assert page.locator('#directory-sprache option[value="ar"]').inner_text() == "العربية"
    page.screenshot(path=str(output_dir / "directory-ar-360.png"), full_page=True)

    results.first.click()
    page.wait_for_url("**/ar/organisationsverzeichnis/beispiel-**/")
    # The example entry, in Arabic where the demo catalogue translates it.
    assert page.locator(".organisation h1").inner_text().strip()
    assert "العربية" in page.locator(".directory-language-list").inner_text()
    assert page.locator(".opening-hours").is_visible()
    assert page.locator('a[href^="geo:"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(output_dir / "organisation-ar-360.png"), full_page=True)
