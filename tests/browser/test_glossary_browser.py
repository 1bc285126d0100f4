"""A visitor on a phone (360 × 740) reads the glossary and follows a term's link from a page, in de, ar and ti.

Screenshots go to /work/shots/glossary/ (the glossary's top, and the entry a link led to).
"""

import re
from pathlib import Path

import pytest

from terminology.seed import entries
from tests.browser import site_map

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/glossary")
SEED = {entry["key"]: entry for entry in entries()}


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_a_visitor_follows_a_term_link_to_its_explanation(live_site, phone, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = phone.new_page()
    statuses = []
    page.on("response", lambda response: statuses.append(response.status))
    pages = site_map.discover(live_site)[language]
    link = None
    for kind in ("home", "working_group", "content"):
        page.goto(live_site.url + pages[kind])
        if page.locator("a.term-link").count():
            link = page.locator("a.term-link").first
            break
    assert link is not None, "no page of the demo links a term"
    key = link.get_attribute("href").rsplit("#", 1)[1]
    assert link.get_attribute("title") == SEED[key][language]["explanation"]
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_load_state()

    assert re.search(rf"/{language}/glossar/#{key}$", page.url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    entry = page.locator(f"dt#{key}")
    assert entry.inner_text().strip() == SEED[key][language]["term"]
    box = entry.bounding_box()
    assert 0 <= box["y"] < 740, "the link's target is not in view"
    explanation = page.locator(f"dt#{key} + dd")
    assert SEED[key][language]["explanation"] in explanation.inner_text()
    # Readable on the phone: nothing wider than the screen, text not tiny.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert float(entry.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 16
    page.screenshot(path=str(SHOTS / f"glossary-{language}-entry-360.png"))
    page.goto(live_site.url + f"/{language}/glossar/")
    page.screenshot(path=str(SHOTS / f"glossary-{language}-top-360.png"), full_page=True)
    assert not [status for status in statuses if status >= 500]
