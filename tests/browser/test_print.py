"""A counsellor prints a page, an organisation or the week's events for someone without a smartphone.

On paper there is nothing to click: navigation and forms are left out, every link shows where
it leads, the page's own address is printed at the top, and folded answers are printed open.
"""

import re
from urllib.parse import unquote

import pytest

from tests.browser import site_map

pytestmark = pytest.mark.browser

# What the printer draws after each visible link in the main content: the ``content`` of its ``::after`` as
# computed (strings and ``attr(...)``, custom properties already substituted), read token by token.
PRINTED_LINKS_JS = """
() => [...document.querySelectorAll('main a[href^="/"], main a[href^="http"]')]
  .filter(link => link.offsetParent !== null)
  .map(link => {
    const style = getComputedStyle(link, '::after');
    const tokens = style.content.match(/"(?:[^"\\\\]|\\\\.)*"|attr\\([^)]*\\)/g) || [];
    const text = tokens.map(token => token.startsWith('attr(')
      ? (link.getAttribute(token.slice(5, -1).trim()) || '')
      : token.slice(1, -1).replace(/\\\\(.)/g, '$1')).join('');
    return {href: link.getAttribute('href'), absolute: link.href, text, direction: style.direction, bidi: style.unicodeBidi};
  })
"""
PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def printed(page, url):
    page.goto(url)
    page.emulate_media(media="print")
    return page


def assert_links_print_absolute_readable_addresses(page, required=True):
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    links = page.evaluate(PRINTED_LINKS_JS)
    assert links or not required, f"{page.url} has no links in its main content"
    for link in links:
        text = link["text"]
        assert text.startswith(" (") and text.endswith(")"), f"{link['href']} prints {text!r}"
        address = text[2:-1]
        assert re.match(r"https?://", address), f"{link['href']} prints a site-relative address: {address}"
        if link["href"].startswith("/"):
            assert address == origin + link["href"], f"{link['href']} prints {address}"
        assert unquote(address) == address and not PERCENT_ESCAPE.search(address), f"unreadable address: {address}"
        assert link["direction"] == "ltr" and link["bidi"] == "isolate", f"{address} is not an isolated LTR run"


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("kind", ["home", "working_group", "content", "directory", "organisation", "calendar", "event"])
def test_printout_has_no_navigation_and_shows_absolute_readable_link_addresses(live_site, browser, kind, language):
    urls = site_map.discover(live_site, languages=(language,))[language]
    page = browser.new_page()
    if kind == "organisation":
        page.goto(f"{live_site.url}{urls['directory']}")
        href = page.eval_on_selector("main ol h2 a[href]", "link => link.getAttribute('href')")
        url = f"{live_site.url}{href}"
    else:
        if kind not in urls:
            pytest.skip(f"the site has no {kind} page in {language}")
        url = f"{live_site.url}{urls[kind]}"
    printed(page, url)
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".skip-link").is_hidden()
    assert all(nav.is_hidden() for nav in page.locator("nav").all())
    assert all(form.is_hidden() for form in page.locator("main form").all())
    address = page.locator(".print-address")
    assert address.is_visible() and address.inner_text() == page.url
    # The FAQ page may have no links in its text; the others always have some.
    assert_links_print_absolute_readable_addresses(page, required=kind != "content")
    assert page.locator("main h1").is_visible()
    page.close()


def test_a_map_link_by_address_prints_the_address_in_plain_letters(live_site, browser):
    """An OpenStreetMap search for "Hauptstraße, Lörrach" prints as such, not as "Hauptstra%C3%9Fe"."""
    page = browser.new_page()
    urls = site_map.discover(live_site, languages=("de",))["de"]
    page.goto(f"{live_site.url}{urls['directory']}")
    found = None
    for href in page.eval_on_selector_all("main ol h2 a[href]", "links => links.map(link => link.getAttribute('href'))"):
        page.goto(f"{live_site.url}{href}")
        search = page.locator('main a[href^="https://www.openstreetmap.org/search?"]')
        if search.count() and re.search(r"[^\x00-\x7f]", search.first.get_attribute("href")):
            found = search.first
            break
    if found is None:
        pytest.skip("no demo organisation with a map search for an address with umlauts")
    page.emulate_media(media="print")
    assert_links_print_absolute_readable_addresses(page)
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
