"""A visitor on a phone without JavaScript answers „War diese Seite hilfreich?“ in de, ar and ti.

The form is found and filled by its visible labels, as a person would; screenshots of the form and of the
thank-you page go to test-output/.
"""

import pytest
from django.conf import settings

from tests.browser import site_map

pytestmark = pytest.mark.browser

QUESTION = {"de": "War diese Seite hilfreich?", "ar": "هل كانت هذه الصفحة مفيدة؟", "ti": "እዚ ገጽ ጠቓሚ ነይሩ ድዩ?"}
ANSWER = {"de": "Nicht hilfreich", "ar": "خطأ في الترجمة", "ti": "ጌጋ ኣብ ትርጉም"}
THANKS = {"de": "Vielen Dank für Ihre Rückmeldung!", "ar": "شكراً جزيلاً على ملاحظتك!", "ti": "ስለ ርእይቶኹም ኣዝዩ ነመስግን!"}


@pytest.mark.parametrize("language", ["de", "ar", "ti"])
def test_a_visitor_without_javascript_sends_feedback_from_a_phone(live_site, browser, output_dir, language):
    path = site_map.discover(live_site)[language]["working_group"]
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    statuses = []
    page.on("response", lambda response: statuses.append(response.status))
    page.goto(live_site.url + path)

    form = page.locator("form.feedback")
    form.scroll_into_view_if_needed()
    assert form.locator("legend").inner_text().strip() == QUESTION[language]
    box = form.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, "the form is wider than the phone"
    form.get_by_label(ANSWER[language]).check()
    comment = form.get_by_role("textbox")
    comment.fill("Test 360 px")
    radio = form.get_by_label(ANSWER[language]).bounding_box()
    assert radio["height"] >= 20
    form.screenshot(path=str(output_dir / f"feedback-form-{language}-360.png"))

    form.get_by_role("button").click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text().strip() == THANKS[language]
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert not [status for status in statuses if status >= 500]
    # Only the language a visitor reads in is remembered (as on every page, listed in the privacy statement).
    assert {cookie["name"] for cookie in context.cookies()} <= {settings.LANGUAGE_COOKIE_NAME}
    page.screenshot(path=str(output_dir / f"feedback-thanks-{language}-360.png"))
    context.close()
