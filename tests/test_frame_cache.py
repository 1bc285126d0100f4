"""The frame cache keeps menu, footer, language versions, filter choices and feeds between requests,
and never shows a visitor something an editor has already changed. The directory tells shared
caches how long its "open now" texts stay true."""

import gzip
import re
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.http import HttpResponse

from caching import pages as page_cache
from events.models import CalendarPage, EventIndexPage
from events.timezone import local_now
from home.models import Footer, MainMenu
from orgdirectory import opening_hours
from orgdirectory.opening_hours import OpeningStatus
from orgdirectory.presenters import status_changes_at
from tests.events.support import at, publish_event, republish
from tests.orgdirectory_helpers import directory_url, make_organisation

BERLIN = ZoneInfo("Europe/Berlin")  # the site's TIME_ZONE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frame_cache")]


def test_a_changed_footer_shows_at_once(client, german):
    assert "Arbeitskreise" in client.get("/de/").content.decode()
    footer = Footer.objects.get(locale=german)
    footer.text = "<p>Neue Fußzeile zum Test</p>"
    footer.save()
    assert "Neue Fußzeile zum Test" in client.get("/de/").content.decode()


def test_a_renamed_menu_entry_shows_at_once(client, german):
    menu = MainMenu.objects.get(locale=german)
    client.get("/de/")
    links = menu.links.get_prep_value()
    links[0]["value"]["label"] = "Umbenannter Menüpunkt"
    menu.links = links
    menu.save()
    nav = re.search(r'<nav class="main-nav".*?</nav>', client.get("/de/").content.decode(), re.S).group(0)
    assert "Umbenannter Menüpunkt" in nav


def test_the_menu_marks_the_current_section_on_each_page(client, working_groups_de):
    group = working_groups_de["ak-migration-loerrach"]
    client.get("/de/")  # the menu is cached on the home page, where no entry is current
    html = client.get(group.url).content.decode()
    assert re.search(rf'href="{group.url}"[^>]*aria-current="page"', html)


def test_a_new_event_reaches_the_cached_feed(client, german, working_groups_de, django_capture_on_commit_callbacks):
    calendar = CalendarPage.objects.get(locale=german)
    feed_url = calendar.url + "feed.ics"
    assert b"Feed-Testtermin" not in client.get(feed_url).content
    index = EventIndexPage.objects.child_of(working_groups_de["ak-migration-loerrach"]).get()
    start = at((local_now() + timedelta(days=3)).date())
    with django_capture_on_commit_callbacks(execute=True):
        event = publish_event(index, title="Feed-Testtermin", start=start, end=start + timedelta(hours=1))
    assert b"Feed-Testtermin" in client.get(feed_url).content
    with django_capture_on_commit_callbacks(execute=True):
        republish(event, title="Feed-Testtermin verschoben")
    assert b"Feed-Testtermin verschoben" in client.get(feed_url).content


def test_a_subscribed_phone_asking_again_gets_not_modified(client, german):
    feed_url = CalendarPage.objects.get(locale=german).url + "feed.ics"
    first = client.get(feed_url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(feed_url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(feed_url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_garbage_filters_share_the_unfiltered_feed(client, german):
    feed_url = CalendarPage.objects.get(locale=german).url + "feed.ics"
    assert client.get(feed_url + "?kategorie=%00%ff&ort=<x>").content == client.get(feed_url).content


# --- "open now" and shared caches ---------------------------------------------------------------


def moment(text):
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def test_open_text_holds_until_closing():
    status = OpeningStatus(is_open=True, closes_at=moment("2026-11-25 16:00"))
    assert status_changes_at(status, moment("2026-11-25 10:00")) == moment("2026-11-25 16:00")


def test_closed_text_holds_until_opening_or_midnight_whichever_first():
    opens_tomorrow = OpeningStatus(is_open=False, next_opening=moment("2026-11-26 08:00"))
    # "opens tomorrow at 8:00" becomes "opens today at 8:00" at midnight.
    assert status_changes_at(opens_tomorrow, moment("2026-11-25 20:00")) == moment("2026-11-26 00:00")
    opens_today = OpeningStatus(is_open=False, next_opening=moment("2026-11-25 14:00"))
    assert status_changes_at(opens_today, moment("2026-11-25 12:30")) == moment("2026-11-25 14:00")
    assert status_changes_at(None, moment("2026-11-25 12:30")) is None


def test_midnight_is_local_on_the_night_the_clocks_go_back():
    status = OpeningStatus(is_open=False, next_opening=moment("2026-10-27 08:00"))
    assert status_changes_at(status, moment("2026-10-25 20:00")) == moment("2026-10-26 00:00")


def test_directory_may_be_kept_until_the_first_opening_or_closing_on_it(client):
    now = opening_hours.now_local()
    soon = (now + timedelta(minutes=45)).replace(second=0, microsecond=0)
    closes = soon if soon.date() == now.date() else now.replace(hour=23, minute=59, second=0, microsecond=0)
    make_organisation("schliesst-bald", "AAA Schließt bald", hours=[(now.weekday(), "00:00", closes.strftime("%H:%M"))])
    response = client.get(directory_url())
    assert "AAA Schließt bald" in response.content.decode()
    # Browsers and CDNs ask again every time: they cannot know when an editor changes an entry.
    assert "no-cache" in response["Cache-Control"]
    assert 0 < response.page_cache_seconds <= (closes - now).total_seconds()


def test_open_now_filter_is_never_kept(client):
    response = client.get(directory_url() + "?jetzt_offen=1")
    assert "no-cache" in response["Cache-Control"] and not hasattr(response, "page_cache_seconds")


def test_the_page_cache_serves_the_directory_until_its_status_texts_change(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    now = opening_hours.now_local()
    make_organisation("immer-offen", "AAA Immer offen", hours=[(day, "00:00", "12:00") for day in range(7)]
                      + [(day, "12:00", "00:00") for day in range(7)])
    assert client.get(directory_url())["X-Page-Cache"] == "miss"
    with mock.patch("caching.versions.cache.set", wraps=cache.set) as stored:
        cache.clear()
        assert client.get(directory_url())["X-Page-Cache"] == "miss"
    lifetime = stored.call_args.args[2]
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=BERLIN)
    assert 0 < lifetime <= (midnight - now).total_seconds() + 1
    assert client.get(directory_url())["X-Page-Cache"] == "hit"
    open_now = directory_url() + "?jetzt_offen=1"
    client.get(open_now)
    assert not client.get(open_now).has_header("X-Page-Cache")  # neither stored nor served


def test_page_cache_keeps_a_page_no_longer_than_the_view_allows():
    response = HttpResponse()
    assert page_cache._lifetime(response, 600) == 600
    response.page_cache_seconds = 90
    assert page_cache._lifetime(response, 600) == 90
    response.page_cache_seconds = None
    assert page_cache._lifetime(response, 600) == 600


def test_the_feed_is_sent_compressed_ahead_of_time_to_clients_that_accept_it(client, german):
    feed_url = CalendarPage.objects.get(locale=german).url + "feed.ics"
    plain = client.get(feed_url)
    compressed = client.get(feed_url, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 3
    assert client.get(feed_url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"]).status_code == 304
