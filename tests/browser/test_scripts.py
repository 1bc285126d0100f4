"""Tigrinya and Pashto render with real glyphs from the shipped fonts, not as boxes (tofu)."""

import pytest

pytestmark = pytest.mark.browser

MEASURE = """([family, text]) => {
  const probe = (fontFamily) => {
    const span = document.createElement("span");
    span.style.fontFamily = fontFamily;
    span.style.fontSize = "32px";
    span.style.whiteSpace = "nowrap";
    span.textContent = text;
    document.body.appendChild(span);
    const width = span.getBoundingClientRect().width;
    span.remove();
    return width;
  };
  return {shipped: probe(`"${family}"`), fallback: probe('"AK No Such Font", monospace')};
}"""


@pytest.mark.parametrize(
    ("code", "family", "sample"),
    [("ti", "Noto Sans Ethiopic", "ጉጅለ ስራሕ ፍልሰት"), ("ps", "Noto Naskh Arabic", "د کډوالۍ کاري ډله")],
)
def test_home_page_glyphs_render_with_the_shipped_font(live_site, phone, output_dir, code, family, sample):
    page = phone.new_page()
    page.goto(f"{live_site.url}/{code}/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    heading = page.locator("h1").inner_text()
    assert heading and not heading.isascii()
    page.evaluate(f"document.fonts.load('32px \"{family}\"', {sample!r})")
    faces = page.evaluate("[...document.fonts].map(f => [f.family.replaceAll('\"', ''), f.status])")
    assert [family, "loaded"] in [list(face) for face in faces]
    assert page.evaluate(f"document.fonts.check('32px \"{family}\"', {sample!r})")
    widths = page.evaluate(MEASURE, [family, sample])
    # Box glyphs all have the same advance; real glyphs do not match the fallback's metrics.
    assert widths["shipped"] > 0 and abs(widths["shipped"] - widths["fallback"]) > 1
    page.screenshot(path=str(output_dir / f"home-{code}-360.png"), full_page=True)


# Ethiopic characters of each element's own text, and the glyphs the browser drew with a web font for it.
OWN_ETHIOPIC_TEXT = """(element) => [...element.childNodes].filter(node => node.nodeType === Node.TEXT_NODE)
  .map(node => node.textContent).join('').replace(/[^\\u1200-\\u139F]/g, '').length"""


def ethiopic_text_drawn_without_a_font(context, page):
    """Elements whose Ethiopic letters Chromium did not draw with a web font (boxes), and how many were checked."""
    session = context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    checked, boxes = 0, []
    for node in session.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *:not(option)"})["nodeIds"]:
        remote = session.send("DOM.resolveNode", {"nodeId": node})["object"]["objectId"]
        own = session.send("Runtime.callFunctionOn", {"objectId": remote, "functionDeclaration": OWN_ETHIOPIC_TEXT,
                                                       "arguments": [{"objectId": remote}], "returnByValue": True})
        letters = own["result"]["value"]
        if not letters:
            continue
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if not fonts:
            continue  # not rendered (closed details, visually hidden text)
        checked += 1
        drawn = sum(font["glyphCount"] for font in fonts if font["isCustomFont"])
        if drawn < letters:
            html = session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:120]
            boxes.append((html, [(font["familyName"], font["glyphCount"]) for font in fonts]))
    return checked, boxes


@pytest.mark.parametrize("path", ["/ti/", "/ti/organisationsverzeichnis/", "/ti/veranstaltungskalender/"])
def test_every_tigrinya_text_is_drawn_with_the_ethiopic_font_not_as_boxes(live_site, phone, path):
    """Chromium reports which font drew each element's glyphs: every Ethiopic letter must come from a web font
    (bold headings, labels and links that mix Tigrinya and Latin were once drawn as boxes)."""
    page = phone.new_page()
    page.goto(f"{live_site.url}{path}", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    checked, boxes = ethiopic_text_drawn_without_a_font(phone, page)
    assert checked > 5
    assert boxes == []


def test_the_admin_draws_tigrinya_titles_with_the_sites_font(live_site, browser):
    """Editors' computers rarely have an Ethiopic font: the page tree lists the Tigrinya home page's title."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_site.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", live_site.admin_password)
    page.click("button[type=submit]")
    page.goto(f"{live_site.url}/admin/pages/1/", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    checked, boxes = ethiopic_text_drawn_without_a_font(context, page)
    context.close()
    assert checked >= 1
    assert boxes == []
