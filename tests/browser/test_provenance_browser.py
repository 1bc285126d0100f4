"""A visitor on a phone sees that a translation is not checked yet, and both links of the notice work (de, ar, ti).

German pages have no such notice. Screenshots go to /work/shots/provenance/ when that folder can be made
(else test-output/).
"""

from pathlib import Path

import pytest

from tests.browser import site_map

pytestmark = pytest.mark.browser

REPORT = {"ar": "الإبلاغ عن خطأ في الترجمة", "ti": "ጌጋ ኣብ ትርጉም ሓብሩ"}
ORIGINAL = {"ar": "قراءة النص الألماني الأصلي", "ti": "ነቲ ጀርመንኛ መበቆል ኣንብቡ"}
MISTAKE = {"ar": "خطأ في الترجمة", "ti": "ጌጋ ኣብ ትርጉም"}


@pytest.fixture
def shots(output_dir):
    folder = Path("/work/shots/provenance")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return output_dir
    return folder


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_the_unchecked_translation_notice_on_a_phone(live_site, browser, shots, language):
    paths = site_map.discover(live_site)
    path = paths[language]["working_group"]
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    statuses = []
    page.on("response", lambda response: statuses.append(response.status))
    page.goto(live_site.url + path)
    notice = page.locator(".notice--unchecked")
    if language == "de":
        assert notice.count() == 0
        page.screenshot(path=str(shots / "de-no-notice-360.png"))
        context.close()
        return

    assert notice.is_visible()
    box = notice.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, "the notice is wider than the phone"
    page.screenshot(path=str(shots / f"{language}-notice-360.png"))

    notice.get_by_role("link", name=REPORT[language]).click()
    page.wait_for_load_state()
    form = page.locator("form#rueckmeldung")
    assert form.get_by_label(MISTAKE[language]).is_checked()
    assert form.is_visible()
    page.screenshot(path=str(shots / f"{language}-report-form-360.png"))

    page.goto(live_site.url + path)
    page.locator(".notice--unchecked").get_by_role("link", name=ORIGINAL[language]).click()
    page.wait_for_load_state()
    assert page.url.startswith(live_site.url + "/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert not [status for status in statuses if status >= 500]
    context.close()
