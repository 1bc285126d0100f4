"""Reading offline in Chromium (issue 21, README "Offline lesen") in German, Arabic and Tigrinya.

The site runs under production settings with its page cache on Redis (ETags and 304s as live), on a database
copy of its own, because one test publishes a change. A visitor opens pages online; offline the same pages read
with their font and direction, an unstored page shows the offline page of its language, and a publish reaches
the stored copy when the visitor is online again. Screenshots (360 px) go to /work/shots/pwa/ when that folder
exists.
"""

import json
import textwrap
import time
from pathlib import Path

import pytest

from tests import servers
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, WATCH_CSP, site_of_its_own

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/pwa")
FONTS = {"de": None, "ar": "Noto Naskh Arabic", "ti": "Noto Sans Ethiopic"}
SAMPLE = {"ar": "ب", "ti": "ሀ"}
DIRECTION = {"de": "ltr", "ar": "rtl", "ti": "ltr"}
OFFLINE_HEADING = {"de": "Keine Verbindung", "ar": "لا يوجد اتصال", "ti": "ምትእስሳር የለን"}


@pytest.fixture(scope="module")
def offline_site():
    with site_of_its_own("ak-offline-", ("de", "ar", "ti"), redis=True) as site:
        yield site


@pytest.fixture
def visitor(watched_phone):
    return watched_phone


def controlled(page):
    """Until the service worker controls the page (evaluated as a function: the page's CSP forbids eval)."""
    page.evaluate("""() => navigator.serviceWorker.controller || new Promise(
        (resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve))""")


def stored_urls(page):
    return page.evaluate("caches.open('akm-pages-v1').then(c => c.keys()).then(keys => keys.map(k => k.url))")


def until(page, script, arg, seconds=20):
    """Poll an asynchronous check (wait_for_function does not wait for a promise's value)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"not within {seconds} s: {script}"
        time.sleep(0.25)


def wait_stored(page, url):
    until(page, "url => caches.open('akm-pages-v1').then(c => c.match(url)).then(r => !!r)", url)


def main_text(page):
    """The page's heading as read (long words carry soft hyphens on the page)."""
    return page.locator("main h1").first.inner_text().replace("\u00ad", "")


def font_of(page):
    return page.evaluate("getComputedStyle(document.querySelector('main h1')).fontFamily")


def shot(page, name):
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def visit_online(page, site, paths):
    """Open each page through the service worker (the first page load only installs it) and wait until stored."""
    page.goto(site.url + paths[0])
    controlled(page)
    for path in paths:
        page.goto(site.url + path)
        wait_stored(page, site.url + path)


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_opened_pages_read_offline_and_an_unstored_page_shows_the_offline_page(offline_site, visitor, language):
    urls = offline_site.urls[language]
    paths = [urls["home"], urls["working_group"], urls["content"]]
    page = visitor.new_page()
    visit_online(page, offline_site, paths)
    wait_stored(page, f"{offline_site.url}/{language}/offline/")
    online = {path: None for path in paths}
    for path in paths:
        page.goto(offline_site.url + path)
        online[path] = main_text(page)

    visitor.set_offline(True)
    page.reload()
    assert main_text(page) == online[paths[-1]]
    for path in paths:
        response = page.goto(offline_site.url + path)
        assert response.from_service_worker
        assert main_text(page) == online[path]
        assert page.locator("html").get_attribute("dir") == DIRECTION[language]
        assert page.locator("html").get_attribute("lang") == language
        notice = page.locator(".notice--offline")
        assert notice.is_visible() and notice.locator("time").get_attribute("datetime").endswith("Z")
        if FONTS[language]:
            assert FONTS[language] in font_of(page)
            assert page.evaluate(
                "([font, text]) => document.fonts.ready.then(() => document.fonts.check(`16px \"${font}\"`, text))",
                [FONTS[language], SAMPLE[language]],
            )
    shot(page, f"stale-notice-{language}")

    unstored = urls["legal"]
    assert offline_site.url + unstored not in stored_urls(page)
    page.goto(offline_site.url + unstored)
    assert page.locator("main h1").inner_text() == OFFLINE_HEADING[language]
    assert page.locator("html").get_attribute("dir") == DIRECTION[language]
    listed = page.locator("#offline-pages a")
    listed.first.wait_for()
    hrefs = set(listed.evaluate_all("links => links.map(a => a.href)"))
    assert {offline_site.url + path for path in paths} <= hrefs
    assert all(link.startswith(f"{offline_site.url}/{language}/") for link in hrefs)
    assert "" not in listed.all_inner_texts()
    assert page.locator("#offline-pages-none").is_hidden()
    shot(page, f"offline-page-{language}")
    assert page.evaluate("window.__violations") == []


PUBLISH = textwrap.dedent("""
    import sys
    import django
    django.setup()
    from wagtail.models import Page
    page = Page.objects.get(url_path__endswith=sys.argv[1], locale__language_code=sys.argv[2]).specific
    page.title = sys.argv[3]
    page.save_revision().publish()
""")


def publish_title(site, path, language, title):
    import subprocess
    import sys

    slug_path = "/" + path.strip("/").split("/", 1)[1] + "/"
    subprocess.run([sys.executable, "-c", PUBLISH, slug_path, language, title], cwd=servers.ROOT, env=site.env,
                   check=True, capture_output=True)


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_a_publish_reaches_the_stored_copy_when_the_visitor_is_online_again(offline_site, visitor, language):
    path = offline_site.urls[language]["content"]
    url = offline_site.url + path
    page = visitor.new_page()
    visit_online(page, offline_site, [path])
    visitor.set_offline(True)
    new_title = f"Neu veröffentlicht {language} (Beispiel)"
    publish_title(offline_site, path, language, new_title)

    page.reload()
    assert main_text(page) != new_title  # offline: the stored copy
    visitor.set_offline(False)  # the page's script asks the worker to revalidate everything stored
    until(
        page,
        "([url, title]) => caches.open('akm-pages-v1').then(c => c.match(url)).then(r => r.text())"
        ".then(html => html.includes(title))",
        [url, new_title],
        seconds=40,
    )
    visitor.set_offline(True)
    page.reload()
    assert main_text(page) == new_title


@pytest.fixture(scope="module")
def impatient_site():
    """The site with a worker that never waits for the network (``OFFLINE_NETWORK_TIMEOUT_MS=0``): every page
    stored before is shown from the store first, as on a connection slower than the usual 3 s."""
    with site_of_its_own("ak-offline-slow-", ("de", "ar"), redis=True, OFFLINE_NETWORK_TIMEOUT_MS="0") as site:
        yield site


NEWER = {"de": "Es gibt eine neuere Fassung dieser Seite.", "ar": "توجد نسخة أحدث من هذه الصفحة."}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_stored_copy_shown_for_a_slow_network_says_when_a_newer_version_arrives(impatient_site, visitor, language):
    path = impatient_site.urls[language]["content"]
    url = impatient_site.url + path
    page = visitor.new_page()
    visit_online(page, impatient_site, [path])
    page.reload()  # the same version from the store: nothing newer to offer
    assert page.locator(".notice--offline").first.is_visible()
    page.wait_for_timeout(1500)
    assert page.locator(".notice--newer").count() == 0

    new_title = f"Neuere Fassung {language} (Beispiel)"
    publish_title(impatient_site, path, language, new_title)
    page.reload()
    assert main_text(page) != new_title  # the stored copy, shown at once
    newer = page.locator(".notice--newer")
    newer.wait_for(timeout=20_000)
    assert NEWER[language] in newer.inner_text()
    newer.locator("a").click()
    page.wait_for_load_state()
    assert main_text(page) == new_title and page.url == url
    assert page.evaluate("window.__violations") == []


def test_the_admin_is_never_served_or_stored_by_the_worker(offline_site, visitor):
    page = visitor.new_page()
    visit_online(page, offline_site, [offline_site.urls["de"]["home"]])
    response = page.goto(f"{offline_site.url}/admin/login/")
    assert response.ok and not response.from_service_worker
    page.goto(offline_site.url + offline_site.urls["de"]["home"])
    assert not [url for url in stored_urls(page) if "/admin/" in url]


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_manifest_is_valid_and_chromium_reports_the_site_installable(offline_site, browser, tmp_path, language):
    """In a browser profile of its own: Chromium never offers to install from an incognito context (Playwright's
    usual new_context), which it reports as the one installability error."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 360, "height": 740},
    )
    context.add_init_script(WATCH_CSP)
    try:
        page = context.new_page()
        visit_online(page, offline_site, [f"/{language}/"])
        manifest = json.loads(page.request.get(f"{offline_site.url}/{language}/manifest.webmanifest").text())
        assert manifest["lang"] == language and manifest["dir"] == DIRECTION[language]
        assert manifest["start_url"] == manifest["scope"] == f"/{language}/"
        for icon in manifest["icons"]:
            assert page.request.get(offline_site.url + icon["src"]).headers["content-type"] == "image/png"
        session = context.new_cdp_session(page)
        app_manifest = session.send("Page.getAppManifest")
        assert app_manifest["url"] == f"{offline_site.url}/{language}/manifest.webmanifest"
        assert not app_manifest["errors"], app_manifest["errors"]
        assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()
