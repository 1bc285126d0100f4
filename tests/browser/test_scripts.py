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
