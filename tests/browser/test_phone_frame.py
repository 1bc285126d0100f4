"""The page frame on a 360 x 740 phone in German, Arabic and Tigrinya: the menu folds behind one button
(without JavaScript too), so every page's own heading starts in the top third of the screen, and the
directory's "advice in my language" control is in sight without a click."""

import pytest

from tests.browser import site_map

pytestmark = pytest.mark.browser

LANGUAGES = ("de", "ar", "ti")
KINDS = [name for name, _app, _model in site_map.PAGE_TYPES] + ["search"]


@pytest.fixture(scope="module")
def urls(live_site):
    return site_map.discover(live_site, languages=LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_heading_starts_in_the_top_250px_of_a_phone(live_site, phone, urls, output_dir, language, kind):
    if kind not in urls[language]:
        pytest.skip(f"the site has no {kind} page in {language}")
    page = phone.new_page()
    page.goto(f"{live_site.url}{urls[language][kind]}")
    page.evaluate("document.fonts.ready.then(() => true)")
    heading = page.locator("main h1").first.bounding_box()
    page.screenshot(path=str(output_dir / f"phone-{kind}-{language}-360.png"))
    assert heading["y"] <= 250, f"the heading starts at {heading['y']} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The menu is folded behind a visible, labelled button.
    assert page.locator(".main-nav a").first.is_hidden()
    assert page.locator(".main-nav summary").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_screen_shows_the_menu_without_a_button(live_site, browser, urls, output_dir, language):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for kind in ("home", "directory", "event"):
        if kind not in urls[language]:
            continue
        page.goto(f"{live_site.url}{urls[language][kind]}")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.locator(".main-nav a").first.is_visible()
        assert page.locator(".main-nav summary").is_hidden()
        page.screenshot(path=str(output_dir / f"wide-{kind}-{language}-1280.png"))
    context.close()


def test_menu_opens_and_closes_by_keyboard_and_says_so(live_site, phone):
    page = phone.new_page()
    page.goto(f"{live_site.url}/de/")
    toggle = page.locator(".main-nav summary")
    assert page.get_by_role("navigation", name="Hauptnavigation").is_visible()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('main-nav__toggle')"):
            break
    else:
        pytest.fail("the menu button cannot be reached with the Tab key")
    assert toggle.inner_text().strip() == "Menü"
    first_link = page.locator(".main-nav a").first
    assert first_link.is_hidden()
    page.keyboard.press("Enter")
    assert first_link.is_visible()
    assert page.evaluate("document.querySelector('.main-nav details').open")
    # The next Tab goes into the opened menu; Space on the button closes it again.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.main-nav ul') !== null")
    toggle.focus()
    page.keyboard.press("Space")
    assert first_link.is_hidden()
    snapshot = page.locator(".main-nav").aria_snapshot()
    assert "Menü" in snapshot


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_works_without_javascript(live_site, browser, urls, language):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site.url}/{language}/")
    first_link = page.locator(".main-nav a").first
    assert first_link.is_hidden()
    page.locator(".main-nav summary").click()
    assert first_link.is_visible()
    target = first_link.get_attribute("href")
    first_link.click()
    page.wait_for_url(f"**{target}")
    assert page.locator("main h1").is_visible()
    page.locator(".main-nav summary").click()
    page.locator(".main-nav summary").click()
    assert page.locator(".main-nav a").first.is_hidden()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_language_of_advice_is_visible_without_a_click(live_site, phone, urls, language):
    if "directory" not in urls[language]:
        pytest.skip("the site has no directory yet")
    page = phone.new_page()
    page.goto(f"{live_site.url}{urls[language]['directory']}")
    control = page.locator("#directory-sprache")
    assert control.is_visible()
    assert control.bounding_box()["y"] + control.bounding_box()["height"] <= 740, "below the first screen"
    assert page.locator("label[for=directory-sprache]").is_visible()


def test_every_disclosure_shows_a_marker(live_site, phone, urls):
    page = phone.new_page()
    page.goto(f"{live_site.url}{urls['de']['directory']}")
    markers = page.eval_on_selector_all(
        "summary",
        """summaries => summaries.filter(s => s.offsetParent !== null).map(s => {
             const own = getComputedStyle(s).display === 'list-item' && getComputedStyle(s).listStyleType !== 'none';
             const drawn = getComputedStyle(s, '::after').content !== 'none';
             return own || drawn;
           })""",
    )
    assert markers and all(markers)
