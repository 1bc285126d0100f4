"""A counsellor prints a page, an organisation or the week's events for someone without a smartphone.

On paper there is nothing to click: navigation and forms are left out, every link shows where
it leads, the page's own address is printed at the top, and folded answers are printed open.
"""

import pytest

from tests.browser import site_map

pytestmark = pytest.mark.browser

LINK_AFTER_JS = """
() => [...document.querySelectorAll('main a[href^="/"], main a[href^="http"]')]
  .filter(link => link.offsetParent !== null)
  .map(link => [link.getAttribute('href'), getComputedStyle(link, '::after').content])
"""


def printed(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("kind", ["working_group", "content", "directory", "calendar", "event"])
def test_printout_has_no_navigation_and_shows_link_addresses(live_site, browser, kind):
    urls = site_map.discover(live_site, languages=("de",))["de"]
    if kind not in urls:
        pytest.skip(f"the site has no {kind} page yet")
    page = printed(browser.new_page(), f"{live_site.url}{urls[kind]}")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".skip-link").is_hidden()
    assert all(nav.is_hidden() for nav in page.locator("nav").all())
    assert all(form.is_hidden() for form in page.locator("main form").all())
    address = page.locator(".print-address")
    assert address.is_visible() and address.inner_text() == page.url
    links = page.evaluate(LINK_AFTER_JS)
    for href, after in links:
        assert href in after, f"the printout does not show where {href} leads"
    assert page.locator("main h1").is_visible()
    page.close()


def test_faq_answers_are_printed_open(live_site, browser):
    urls = site_map.discover(live_site, languages=("de",))["de"]
    page = browser.new_page()
    page.goto(f"{live_site.url}{urls['content']}")
    answer = page.locator("main details > :not(summary)").first
    assert answer.is_hidden(), "on screen the answer starts folded"
    page.emulate_media(media="print")
    assert answer.is_visible()
    page.close()


def test_on_screen_the_print_address_is_not_shown(live_site, browser):
    page = browser.new_page()
    page.goto(f"{live_site.url}/de/")
    assert page.locator(".print-address").is_hidden()
    assert page.locator(".site-header").is_visible()
    page.close()


def test_organisation_printout_keeps_contact_and_hides_download(live_site, browser):
    urls = site_map.discover(live_site, languages=("de",))["de"]
    if "directory" not in urls:
        pytest.skip("the site has no directory yet")
    page = browser.new_page()
    page.goto(f"{live_site.url}{urls['directory']}")
    hrefs = page.eval_on_selector_all("main ol a[href]", "links => links.map(link => link.getAttribute('href'))")
    printed(page, f"{live_site.url}{hrefs[0]}")
    assert page.locator("main h1").is_visible()
    assert page.locator("main h2").first.is_visible()
    assert all(link.is_hidden() for link in page.locator("main a[download]").all())
    page.close()


def test_printout_has_no_live_open_now_status_but_the_opening_hours(live_site, browser):
    """ "Jetzt geschlossen · öffnet morgen um 09:00" is wrong once the paper is handed over."""
    urls = site_map.discover(live_site, languages=("de",))["de"]
    if "directory" not in urls:
        pytest.skip("the site has no directory yet")
    page = browser.new_page()
    page.goto(f"{live_site.url}{urls['directory']}")
    assert page.locator(".directory-status").first.is_visible(), "on screen the live status is shown"
    with_hours = None
    for href in page.eval_on_selector_all("main ol h2 a[href]", "links => links.map(link => link.getAttribute('href'))"):
        page.goto(f"{live_site.url}{href}")
        if page.locator(".opening-hours").count():
            with_hours = href
            break
    assert with_hours, "no demo organisation has opening hours"
    page.emulate_media(media="print")
    assert page.locator(".opening-hours").is_visible()
    assert all(status.is_hidden() for status in page.locator(".directory-status").all())
    assert "Jetzt" not in page.locator("main").inner_text()
    assert all(link.is_hidden() for link in page.locator('main a[href^="geo:"]').all())
    page.close()
