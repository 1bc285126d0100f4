"""Accessibility in a real browser: axe-core on every page type, and the site used by keyboard alone.

axe-core comes bundled in ``axe-playwright-python`` (nothing is fetched at run time). Only
violations of impact "serious" or "critical" under the WCAG 2.2 A/AA rules fail a test:
those are the ones that lock a screen-reader, keyboard or low-vision visitor out.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import site_map

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGES = ["de", "ar", "ti"]
PAGE_KINDS = ["home", "working_group", "content", "directory_filtered", "organisation", "calendar", "calendar_month",
              "calendar_week", "event", "legal", "search"]
MINIMUM_RING_CONTRAST = 3.0  # WCAG 1.4.11: a focus indicator is a non-text contrast of at least 3:1
MAX_TABS = 60

_axe = Axe()

# Outline of the focused element and its contrast against what is behind the ring
# (the nearest ancestor with a background; the ring is drawn outside the element).
FOCUS_RING_JS = """
element => {
  const parse = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const style = getComputedStyle(element);
  let background = [255, 255, 255];
  for (let node = element.parentElement; node; node = node.parentElement) {
    const color = parse(getComputedStyle(node).backgroundColor);
    if (color.length === 3 || (color.length === 4 && color[3] > 0)) { background = color.slice(0, 3); break; }
  }
  const ring = parse(style.outlineColor).slice(0, 3);
  const [light, dark] = [luminance(ring), luminance(background)].sort((a, b) => b - a);
  return {
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth) || 0,
    shadow: style.boxShadow,
    contrast: (light + 0.05) / (dark + 0.05),
  };
}
"""


def blocking_violations(page):
    """axe's serious/critical WCAG 2.2 A/AA violations on the page as it is now, as readable lines."""
    results = _axe.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    ).response
    assert len(results["passes"]) > 10, "axe did not run its checks"
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def open_all_disclosures(page):
    """Open the language switcher and filter panels, so axe also checks what is folded away."""
    page.evaluate("document.querySelectorAll('details').forEach(details => { details.open = true; })")


def filter_form(page):
    return page.locator("main form[method=get]").first


def first_organisation_url(page, directory_url):
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
    organisations = [href for href in hrefs if href.startswith(directory_url) and href != directory_url
                     and "?" not in href]
    assert organisations, "the directory lists no organisation"
    return organisations[0]


def visit(page, site_url, urls, kind):
    """Open the page of ``kind`` the way a visitor would reach it; skip kinds the site does not have yet."""
    needed = {"directory_filtered": "directory", "organisation": "directory", "calendar_month": "calendar",
              "calendar_week": "calendar"}
    path = urls.get(needed.get(kind, kind))
    if path is None:
        pytest.skip(f"the site has no {needed.get(kind, kind)} page yet")
    if kind == "calendar_month":
        path += "?ansicht=monat"
    elif kind == "calendar_week":
        path += "?ansicht=woche"
    page.goto(f"{site_url}{path}")
    if kind == "directory_filtered":
        # The first filter of the form set to its first real choice, submitted as a visitor does.
        for summary in filter_form(page).locator("details:not([open]) > summary").all():
            summary.click()
        select = filter_form(page).locator("select").first
        select.select_option(index=1)
        filter_form(page).locator("button[type=submit], input[type=submit]").first.click()
        page.wait_for_load_state()
        assert "?" in page.url
    elif kind == "organisation":
        page.goto(f"{site_url}{first_organisation_url(page, path)}")


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_public_page_has_no_serious_accessibility_violations(live_site, phone, language, kind):
    urls = site_map.discover(live_site)[language]
    page = phone.new_page()
    visit(page, live_site.url, urls, kind)
    assert page.evaluate("document.documentElement.lang") == language
    open_all_disclosures(page)
    assert blocking_violations(page) == [], page.url


def test_admin_login_has_no_serious_accessibility_violations(live_site, phone):
    page = phone.new_page()
    page.goto(f"{live_site.url}/admin/login/")
    assert page.locator("input[type=password]").count() == 1
    assert blocking_violations(page) == []


# --- Keyboard ------------------------------------------------------------------------------------


def tab_until(page, predicate_js, what):
    """Press Tab until the focused element satisfies ``predicate_js``; fail if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {predicate_js})(document.activeElement)"):
            return page.evaluate_handle("document.activeElement").as_element()
    raise AssertionError(f"Tab never reached {what}")


def assert_visible_focus_ring(element, unfocused):
    ring = element.evaluate(FOCUS_RING_JS)
    label = element.evaluate("element => element.outerHTML.slice(0, 80)")
    has_ring = (ring["style"] != "none" and ring["width"] >= 2) or ring["shadow"] != "none"
    assert has_ring, f"no visible focus ring on {label}"
    assert ring != unfocused, f"focus does not change how {label} looks"
    if ring["style"] != "none":
        assert ring["contrast"] >= MINIMUM_RING_CONTRAST, f"focus ring on {label} has contrast {ring['contrast']:.1f}:1"


def unfocused_ring(page, selector):
    return page.locator(selector).first.evaluate(FOCUS_RING_JS)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(live_site, phone):
    page = phone.new_page()
    page.goto(f"{live_site.url}/de/")
    page.keyboard.press("Tab")
    skip_link = page.evaluate_handle("document.activeElement").as_element()
    assert skip_link.get_attribute("href") == "#main"
    box = skip_link.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 20, "the skip link stays off screen when focused"
    assert_visible_focus_ring(skip_link, unfocused_ring(page, "main"))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_language_switcher_works_with_tab_and_enter(live_site, phone, language):
    page = phone.new_page()
    page.goto(f"{live_site.url}/{language}/")
    unfocused = unfocused_ring(page, ".language-switcher summary")
    summary = tab_until(page, "element.tagName === 'SUMMARY' && !!element.closest('.language-switcher')",
                        "the language switcher")
    assert_visible_focus_ring(summary, unfocused)
    page.keyboard.press("Enter")
    assert page.locator(".language-switcher details").evaluate("details => details.open")
    target = "ti"
    unfocused = unfocused_ring(page, f".language-switcher a[hreflang={target}]")
    link = tab_until(page, f"element.getAttribute('hreflang') === '{target}'", f"the link to language {target}")
    assert_visible_focus_ring(link, unfocused)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/{target}/")
    assert page.evaluate("document.documentElement.lang") == target


FORM_CONTROLS = "input:not([type=hidden]), select, button, summary"


def operate_filters_by_keyboard(page):
    """Tab through every control of the filter form, open folded panels with Enter, set the first
    list with the arrow key (how a keyboard changes a <select>), then submit with Enter.

    Returns the name and value that was chosen."""
    form = filter_form(page)
    controls = form.locator(FORM_CONTROLS)
    expected = controls.evaluate_all("elements => elements.map(element => element.outerHTML.slice(0, 60))")
    assert expected, "the filter form has no controls"
    unfocused = [controls.nth(index).evaluate(FOCUS_RING_JS) for index in range(controls.count())]
    chosen = None
    for index, description in enumerate(expected):
        element = tab_until(page, f"element.outerHTML.slice(0, 60) === {description!r}", description)
        assert_visible_focus_ring(element, unfocused[index])
        tag = element.evaluate("element => element.tagName")
        if tag == "SUMMARY" and not element.evaluate("element => element.parentElement.open"):
            page.keyboard.press("Enter")
            assert element.evaluate("element => element.parentElement.open")
        elif tag == "SELECT" and chosen is None:
            page.keyboard.press("ArrowDown")
            chosen = element.evaluate("element => [element.name, element.value]")
            assert chosen[1], "the arrow key did not choose an option"
        elif tag == "BUTTON" and element.get_attribute("type") in (None, "submit"):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            break
    assert chosen is not None, "the filter form has no list to choose from"
    return chosen


@pytest.mark.parametrize("kind", ["directory", "calendar"])
def test_filters_work_with_the_keyboard_alone(live_site, phone, kind):
    urls = site_map.discover(live_site)["de"]
    if kind not in urls:
        pytest.skip(f"the site has no {kind} page yet")
    page = phone.new_page()
    page.goto(f"{live_site.url}{urls[kind]}")
    name, value = operate_filters_by_keyboard(page)
    assert f"{name}={value}" in page.url
    assert filter_form(page).locator(f"select[name={name}]").input_value() == value
