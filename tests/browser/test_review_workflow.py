"""An editor edits and submits, a reviewer of the same working group approves, the visitor sees the change."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

NEWS = "/de/ak-migration-waldshut/neuigkeiten/beispielmeldung/"


def test_editor_submits_reviewer_approves_visitor_sees_it(live_site, browser):
    new_teaser = "Geänderte Kurzfassung aus dem Prüfablauf (Beispiel)."

    editor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = editor.new_page()
    log_in(page, live_site, "beispiel-redaktion-waldshut", live_site.example_password)
    # Find the Waldshut example news page through the admin's own page API.
    page_id = page.evaluate(
        """async (base) => {
            const response = await fetch(base + "/admin/api/main/pages/?slug=beispielmeldung&locale=de&fields=parent",
                                         {credentials: "same-origin"});
            const data = await response.json();
            return data.items.map(item => [item.id, item.meta.parent ? item.meta.parent.id : null]);
        }""",
        live_site.url,
    )
    ids = [item[0] for item in page_id]
    edit_id = None
    for candidate in ids:
        page.goto(f"{live_site.url}/admin/pages/{candidate}/edit/")
        if page.locator("#id_teaser").count() and "/ak-migration-waldshut/" in page.content():
            edit_id = candidate
            break
    assert edit_id, "the Waldshut example news page is editable for the Waldshut editor"
    assert page.locator('button[name="action-publish"]').count() == 0  # editors cannot publish
    page.fill("#id_teaser", new_teaser)
    page.evaluate("document.querySelector('button[name=\"action-submit\"]').click()")
    page.wait_for_load_state("networkidle")
    editor.close()

    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(f"{live_site.url}{NEWS}")
    assert new_teaser not in public.content()  # not public before review

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = reviewer.new_page()
    log_in(page, live_site, "beispiel-pruefung-waldshut", live_site.example_password)
    page.goto(f"{live_site.url}/admin/pages/{edit_id}/edit/")
    approve = page.locator('button[data-workflow-action-name="approve"]').first
    assert approve.count() == 1
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[data-workflow-action-name=\"approve\"]').click()")
    page.wait_for_load_state("networkidle")
    reviewer.close()

    public.goto(f"{live_site.url}{NEWS}")
    assert new_teaser in public.content()
    visitor.close()
