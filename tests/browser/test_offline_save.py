"""'Für offline speichern' on a working group's section in Chromium (issue 21), in German, Arabic and Tigrinya.

Under production settings (hashed static files, strict CSP, the service worker of home/offline/): a visitor on a
phone (360 px) presses the button, sees the size and the progress, and then, with the browser offline, every page
of the section reads, though none of them was opened before. "Entfernen" takes the pack out again. Screenshots
go to /work/shots/save/.
"""

import json
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import site_of_its_own

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/save")
DIRECTION = {"de": "ltr", "ar": "rtl", "ti": "ltr"}
STORED_WITH_TIME = """urls => caches.open('akm-pages-v1').then(cache => Promise.all(urls.map(
    url => cache.match(url).then(r => r ? r.headers.get('X-Offline-Saved-At') : null))))"""


@pytest.fixture(scope="module")
def save_site():
    with site_of_its_own("ak-save-", ("de", "ar", "ti")) as site:
        yield site


@pytest.fixture
def visitor(watched_phone):
    return watched_phone


def read(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read()


def heading(html):
    return BeautifulSoup(html, "html.parser").select_one("main h1").get_text().replace("\u00ad", "").strip()


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_a_saved_section_reads_offline(save_site, visitor, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    section = save_site.urls[language]["working_group"]
    page = visitor.new_page()
    page.goto(save_site.url + section)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
    box = page.locator(".offline-save")
    assert box.is_visible()  # revealed by the script: this browser has a service worker and Cache Storage
    pack = json.loads(read(save_site.url + box.get_attribute("data-pack-url")))
    page_urls = [save_site.url + item["url"] for item in pack["pages"]]
    assert page_urls[0] == save_site.url + section and len(page_urls) > 3
    total = len(pack["pages"]) + len(pack["files"])

    page.locator(".offline-save__button").click()
    question = page.locator(".offline-save__size")
    question.wait_for(state="visible")
    expected_size = page.evaluate(
        """([bytes, lang]) => new Intl.NumberFormat([lang, 'de'], {style: 'unit', unit: 'megabyte',
           minimumFractionDigits: 1, maximumFractionDigits: 1}).format(Math.max(bytes / 1e6, 0.1))""",
        [pack["bytes"], language])
    confirm = box.get_attribute("data-confirm")
    assert question.inner_text() == confirm.replace("{size}", expected_size)
    assert page.locator("html").get_attribute("dir") == DIRECTION[language]
    page.screenshot(path=str(SHOTS / f"save-{language}-size-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator(".offline-save__yes").click()
    done_text = box.get_attribute("data-done")
    page.wait_for_function("text => document.querySelector('.offline-save__status').textContent === text",
                           arg=done_text, timeout=60_000)
    count = page.locator(".offline-save__count").inner_text()
    number = page.evaluate("([n, lang]) => new Intl.NumberFormat([lang, 'de']).format(n)", [total, language])
    assert count == box.get_attribute("data-progress").replace("{done}", number).replace("{total}", number)
    assert page.locator(".offline-save progress").evaluate("p => [p.value, p.max]") == [total, total]
    saved_at = page.evaluate(STORED_WITH_TIME, page_urls)
    assert all(value and value.endswith("Z") for value in saved_at), dict(zip(page_urls, saved_at, strict=True))
    record = page.evaluate(
        "key => caches.open('akm-packs-v1').then(c => c.match(key)).then(r => r.json())",
        box.get_attribute("data-pack-key"))
    assert record["lang"] == language and record["bytes"] == pack["bytes"] and record["title"] == pack["title"]
    assert page.locator(".offline-save__list li").count() == 1
    page.locator(".offline-save").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"save-{language}-saved-360.png"))
    assert page.evaluate("window.__violations") == []

    expected = {url: heading(read(url)) for url in page_urls if not url.endswith(".ics")}
    visitor.set_offline(True)
    for url, title in expected.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("main h1").first.inner_text().replace("\u00ad", "").strip() == title, url
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == DIRECTION[language]
    page.goto(page_urls[-1])
    page.screenshot(path=str(SHOTS / f"save-{language}-offline-page-360.png"))

    # "Entfernen" takes the section's pages out of Cache Storage again (no other pack needs them).
    page.goto(save_site.url + section)
    page.locator(".offline-save__remove").click()
    page.wait_for_function("() => document.querySelectorAll('.offline-save__list li').length === 0")
    remaining = page.evaluate(STORED_WITH_TIME, page_urls[1:])
    assert remaining == [None] * len(remaining)
