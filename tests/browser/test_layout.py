"""The site as a phone shows it: right-to-left layout and fonts only where they are needed."""

import pytest

pytestmark = pytest.mark.browser

FONT_FILES = ("noto-naskh-arabic", "noto-sans-ethiopic")


def test_arabic_home_mirrors_and_fits_a_360px_phone(live_site, phone, output_dir):
    page = phone.new_page()
    page.goto(f"{live_site.url}/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    viewport_width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport_width

    page.locator(".main-nav summary").click()  # on a phone the menu is folded behind its button
    first_link = page.locator(".main-nav li").first.bounding_box()
    last_link = page.locator(".main-nav li").last.bounding_box()
    # Navigation starts on the right: the first item sits to the right of the last one
    # on the first row, and hugs the right edge of the screen.
    assert first_link["x"] + first_link["width"] >= viewport_width - 20
    assert first_link["x"] > last_link["x"] or first_link["y"] < last_link["y"]
    site_name = page.locator(".site-name").bounding_box()
    assert site_name["x"] + site_name["width"] > viewport_width / 2
    page.screenshot(path=str(output_dir / "home-ar-360.png"), full_page=True)


def test_german_page_loads_no_arabic_or_ethiopic_font(live_site, phone):
    page = phone.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_site.url}/de/", wait_until="networkidle")
    assert any("site" in url and url.endswith(".css") for url in requested)
    assert not [url for url in requested if any(font in url for font in FONT_FILES)]


def test_tigrinya_page_loads_only_the_ethiopic_font(live_site, phone):
    page = phone.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_site.url}/ti/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    fonts = [url for url in requested if any(font in url for font in FONT_FILES)]
    assert all("ethiopic" in url for url in fonts)


def test_german_home_page_transfer_size(live_site, phone):
    page = phone.new_page()
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
    page.goto(f"{live_site.url}/de/", wait_until="networkidle")
    total = sum(sizes)
    print(f"German home page: {len(sizes)} requests, {total} bytes transferred")
    assert len(sizes) <= 6
    assert total <= 50_000
