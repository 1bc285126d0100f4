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


# Every place where a line ends inside a word of a heading, tile, menu item or directory name, and the character
# before the break: a word may only be broken after a soft hyphen (drawn as "-" at the break) or a real hyphen.
# Character by character with Range rects: a character starting lower than the one before begins a new line.
BREAKS_INSIDE_WORDS_JS = """
() => {
  const selectors = 'main h1, main h2, main h3, .tile span, .main-nav a, .directory-result__category';
  const found = [];
  for (const element of document.querySelectorAll(selectors)) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      const range = document.createRange();
      for (const match of text.matchAll(/[^\\s\\u2013\\u2014]+/g)) {
        let previousTop = null;
        for (let index = match.index; index < match.index + match[0].length; index++) {
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const rect = range.getBoundingClientRect();
          if (!rect.width && text[index] === '\\u00ad') continue;  // a soft hyphen that is not at a break
          if (previousTop !== null && rect.top > previousTop + 2) {
            // Chromium reports the first letter after a soft-hyphen break still on the line before
            // (the drawn hyphen shifts its offsets by one), so the soft hyphen may be one letter further back.
            found.push({word: match[0].replaceAll('\\u00ad', ''), before: text.slice(Math.max(match.index, index - 2), index),
                        where: element.tagName.toLowerCase() + '.' + element.className});
          }
          previousTop = rect.top;
        }
      }
    }
  }
  return found;
}
"""


@pytest.mark.parametrize("kind", KINDS)
def test_long_german_words_break_only_at_a_hyphen_on_a_phone(live_site, phone, urls, kind):
    """Headless Chromium (like many phones) has no German hyphenation dictionary: soft hyphens from the server."""
    if kind not in urls["de"]:
        pytest.skip(f"the site has no {kind} page in German")
    page = phone.new_page()
    page.goto(f"{live_site.url}{urls['de'][kind]}")
    page.locator(".main-nav summary").click()  # the menu's items too
    page.evaluate("document.fonts.ready.then(() => true)")
    breaks = page.evaluate(BREAKS_INSIDE_WORDS_JS)
    bad = [(item["word"], item["where"]) for item in breaks if not set(item["before"]) & {"\u00ad", "-", "/"}]
    assert not bad, f"words broken without a hyphen at 360 px: {bad}"
    page.close()
