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


@pytest.mark.parametrize("path", ["/ti/", "/ti/organisationsverzeichnis/", "/ti/veranstaltungskalender/"])
def test_every_tigrinya_text_is_drawn_with_the_ethiopic_font_not_as_boxes(live_site, phone, path):
    """Chromium reports which font drew each element's glyphs: every Ethiopic letter must come from a web font
    (bold headings, labels and links that mix Tigrinya and Latin were once drawn as boxes)."""
    page = phone.new_page()
    page.goto(f"{live_site.url}{path}", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    session = phone.new_cdp_session(page)
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
    assert checked > 5
    assert boxes == []
