"""An editor's week in a real browser (issue 17), on SQLite with the admin's autosave active.

The Waldshut example editor writes a news item with an image, an event series with one cancelled date and
changes a directory entry, and submits each for review; the Waldshut example reviewer approves them from the
start page with the review screen's „Freigeben“ button (editorial/review_screen.py); a visitor sees the news,
the series with the cancelled date struck through, and the changed entry. No answer of the server is a 500."""

import io
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests import servers
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

BERLIN = ZoneInfo("Europe/Berlin")
NEWS_TITLE = "Wochenmeldung: Neuer Sprachkurs (Browsertest)"
EVENT_TITLE = "Wochentreff Browsertest"
NEW_SERVICES = "Beratung jetzt auch samstags (Browsertest)"


def shell(env, code):
    return servers.manage(env, "shell", "-c", code, text=True).stdout.strip().splitlines()[-1]


def waldshut_ids(env):
    return shell(
        env,
        "from home.models import NewsIndexPage as N; from events.models import EventIndexPage as E\n"
        "from orgdirectory.models import Organisation as O\n"
        "n = N.objects.get(locale__language_code='de', url_path__contains='waldshut')\n"
        "e = E.objects.get(locale__language_code='de', url_path__contains='waldshut')\n"
        "o = O.objects.filter(locale__language_code='de', memberships__page__url_path__contains='waldshut')"
        ".order_by('pk').first()\n"
        "print(n.id, e.id, o.pk, o.key, o.name, sep='|')",
    ).split("|")


def public_path(env, title):
    return shell(env, f"from wagtail.models import Page; print(Page.objects.get(title='{title}', locale__language_code='de').get_url())")


def watch_for_errors(context, errors):
    context.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 500 else None)


def png(tmp_path):
    path = tmp_path / "sprachkurs.png"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (40, 110, 160)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def submit_for_review(page):
    """„Zur Prüfung einreichen“ from the editor's action menu, then wait for the answer.

    First the autosave request in flight (if any) is let finish. A submit that still goes to the add view after
    autosave created the page is sent on to that page (editorial/autosaved.py)."""
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=\"action-submit\"]').click()")
    page.wait_for_load_state("networkidle")


def test_an_editors_week(live_site, browser, tmp_path, output_dir):
    try:
        an_editors_week(live_site, browser, tmp_path, output_dir)
    finally:
        for number, context in enumerate(browser.contexts):
            for page in context.pages:
                page.screenshot(path=str(output_dir / f"editors-week-last-{number}.png"))


def an_editors_week(live_site, browser, tmp_path, output_dir):
    errors = []
    news_index, event_index, entry_pk, entry_key, entry_name = waldshut_ids(live_site.env)
    editor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    watch_for_errors(editor, errors)
    page = editor.new_page()
    log_in(page, live_site, "beispiel-redaktion-waldshut", live_site.example_password)

    # A news item with an image (uploaded through Wagtail's image chooser).
    page.goto(f"{live_site.url}/admin/images/add/")
    page.fill("#id_title", "Sprachkurs Browsertest")
    page.set_input_files("#id_file", str(png(tmp_path)))
    with page.expect_navigation():
        page.locator("#id_file").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    assert "/admin/images/add/" not in page.url, "the image was saved"
    page.goto(f"{live_site.url}/admin/pages/add/home/newspage/{news_index}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", NEWS_TITLE)
    page.fill("#id_teaser", "Ab nächster Woche gibt es einen neuen Sprachkurs in Waldshut (Beispiel).")
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator('a.image-choice[title*="Sprachkurs Browsertest"]').first.click()
    page.locator('a.image-choice').first.wait_for(state="detached")
    page.fill("#id_image_alt_text", "Blaue Fläche als Beispielbild")
    page.wait_for_timeout(3500)  # one autosave interval passes while the editor works
    submit_for_review(page)

    # An event series, every week for five weeks, the third date cancelled.
    today = datetime.now(BERLIN).date()
    first = today + timedelta(days=7 + (2 - today.weekday()) % 7)  # a Wednesday one to two weeks ahead
    start = datetime.combine(first, time(18), BERLIN)
    cancelled = first + timedelta(days=14)
    page.goto(f"{live_site.url}/admin/pages/add/events/eventpage/{event_index}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", EVENT_TITLE)
    page.fill("#id_start", start.strftime("%Y-%m-%d %H:%M"))
    page.fill("#id_end", (start + timedelta(hours=1, minutes=30)).strftime("%Y-%m-%d %H:%M"))
    page.click("#id_title")  # closes the date pickers
    if not page.locator("#id_repeat").is_visible():  # the recurrence panel is folded while no rule is set
        page.locator("section.w-panel", has=page.locator("#id_repeat")).locator("[data-panel-toggle]").first.click()
    page.select_option("#id_repeat", "weekly")
    page.fill("#id_repeat_until", (first + timedelta(days=28)).isoformat())
    page.click("#id_title")
    page.locator("#id_exceptions-ADD").click(force=True)
    page.fill("#id_exceptions-0-date", cancelled.isoformat())
    page.click("#id_title")
    page.check("#id_exceptions-0-cancelled")
    page.wait_for_timeout(3500)
    submit_for_review(page)

    # A directory entry of the group, changed.
    page.goto(f"{live_site.url}/admin/snippets/orgdirectory/organisation/edit/{entry_pk}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_services", NEW_SERVICES)
    submit_for_review(page)
    assert not errors, errors
    editor.close()

    # The reviewer approves all three from the start page, on the review screen.
    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    watch_for_errors(reviewer, errors)
    page = reviewer.new_page()
    log_in(page, live_site, "beispiel-pruefung-waldshut", live_site.example_password)
    for number, title in enumerate([NEWS_TITLE, EVENT_TITLE, entry_name]):
        page.goto(f"{live_site.url}/admin/")
        page.locator(".help-warning a", has_text=title).first.click()
        page.wait_for_url(re.compile(r".*/admin/pruefung/\d+/$"))
        freigeben = page.get_by_role("button", name="Freigeben")
        assert freigeben.is_visible()
        assert page.get_by_role("button", name="Änderungen anfordern").is_visible()
        assert page.locator("table.listing .comparison").count() >= 1  # the changes are shown
        page.screenshot(path=str(output_dir / f"review-screen-{number}.png"), full_page=True)
        freigeben.click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_text("Diese Prüfung ist abgeschlossen: freigegeben.").is_visible()
    reviewer.close()

    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    watch_for_errors(visitor, errors)
    public = visitor.new_page()
    public.goto(f"{live_site.url}/de/ak-migration-waldshut/neuigkeiten/")
    assert public.get_by_text(NEWS_TITLE).first.is_visible()
    public.goto(f"{live_site.url}{public_path(live_site.env, NEWS_TITLE)}")
    assert public.locator("main img").count() >= 1
    public.goto(f"{live_site.url}{public_path(live_site.env, EVENT_TITLE)}")
    struck = public.locator(f'.event-dates del time[datetime^="{cancelled.isoformat()}"]')
    assert struck.count() == 1
    assert struck.evaluate("e => getComputedStyle(e.closest('del')).textDecorationLine") == "line-through"
    public.goto(f"{live_site.url}/de/organisationsverzeichnis/{entry_key}/")
    assert public.get_by_text(NEW_SERVICES).count() >= 1
    visitor.close()
    assert not errors, errors
