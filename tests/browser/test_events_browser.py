"""The calendar on a phone: filter by a working group without JavaScript, download an event's .ics."""

from urllib.parse import urlparse

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.browser


def test_phone_filters_by_working_group_and_downloads_an_event(live_site, phone, output_dir):
    page = phone.new_page()
    page.goto(f"{live_site.url}/de/veranstaltungskalender/")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")

    page.select_option("select[name=arbeitskreis]", "ak-migration-waldshut")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert "arbeitskreis=ak-migration-waldshut" in page.url
    metas = page.locator(".event-item__meta").all_inner_texts()
    assert metas and all("Waldshut" in meta for meta in metas)
    assert page.locator(".event-item--cancelled").count() >= 1  # the cancelled example stays visible
    page.screenshot(path=str(output_dir / "events-waldshut-360.png"), full_page=True)

    page.locator(".event-item:not(.event-item--cancelled) .event-item__title a").first.click()
    page.wait_for_load_state()
    title = page.locator("h1").inner_text().replace("\u00ad", "")  # soft hyphens show only at a line break
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zum Kalender hinzufügen").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(open(download.path(), "rb").read())
    [event] = [component for component in calendar.walk("VEVENT") if not component.get("RECURRENCE-ID")]
    assert str(event["SUMMARY"]) == title
    assert str(event["URL"]).endswith(urlparse(page.url).path)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"


def test_month_view_on_a_phone_lists_days_with_events(live_site, phone):
    page = phone.new_page()
    page.goto(f"{live_site.url}/ar/veranstaltungskalender/?ansicht=monat")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    busy = page.locator(".event-month__busy")
    if busy.count() == 0:  # near a month's end the demo's next dates are in the coming month: go there as a visitor would
        page.locator(".event-month-nav a[rel=next]").click()
        page.wait_for_load_state()
    assert busy.count() > 0  # the demo series never end
    assert busy.first.locator(".event-month__full").is_visible()
    assert not page.locator(".event-month thead").is_visible()
