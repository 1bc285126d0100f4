"""'Für offline speichern' (issue 21, offlinepacks/): what a pack stores, its true size, its budget, bad
addresses, and the hidden button that only a browser with a service worker and Cache Storage shows.

Time is frozen (the calendar holds the next 8 weeks; the directory's "open now" texts change with the
clock), so nothing here depends on today's date.
"""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import CalendarPage, EventIndexPage, EventPage
from home.models import NewsPage, WorkingGroupPage
from orgdirectory.models import DirectoryPage
from tests.conftest import page_in

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2031, 3, 3, 9, 30, tzinfo=BERLIN)  # a Monday morning; 8 weeks later is summer time
SECTION = "/de/ak-migration-loerrach/"
KIND_QUERIES = 8  # the site's "not found" page (frame, menu, footer) and the redirect lookup
EVENTS = SECTION + "veranstaltungen/"
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_and_empty_cache():
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


def section_de():
    return WorkingGroupPage.objects.get(locale__language_code="de", slug="ak-migration-loerrach")


def pack(client, language, kind, page_id, **headers):
    response = client.get(f"/{language}/offline/paket/{kind}/{page_id}/", **headers)
    assert response.status_code == 200, response.status_code
    return response


def urls(body):
    return [item["url"] for item in body["pages"]]


def test_section_pack_lists_the_section_and_every_live_page_below_it():
    body = pack_json("de", "section", section_de().pk)
    assert body["kind"] == "section" and body["lang"] == "de"
    assert body["title"] == "Arbeitskreis Migration des Landkreises Lörrach"
    assert urls(body) == [
        SECTION,
        SECTION + "kontakt/",
        SECTION + "neuigkeiten/",
        SECTION + "neuigkeiten/beispielmeldung/",
        EVENTS,
        EVENTS + "beispiel-sprachcafe/",
        EVENTS + "beispiel-netzwerktreffen/",
        EVENTS + "beispiel-infoabend-anerkennung/",
        EVENTS + "beispiel-jobmesse/",
    ]
    assert [item["url"] for item in body["files"]] == [
        "/static/css/site.css",
        "/static/js/offline.js",
        "/static/js/offline-save.js",
        "/static/fonts/language-names-arabic.woff2",
        "/static/fonts/language-names-ethiopic.woff2",
    ]


def pack_json(language, kind, page_id):
    from django.test import Client

    return pack(Client(), language, kind, page_id).json()


def test_an_unpublished_page_is_not_in_the_pack():
    news = NewsPage.objects.get(url_path__endswith="/ak-migration-loerrach/neuigkeiten/beispielmeldung/",
                                locale__language_code="de")
    news.unpublish()
    assert SECTION + "neuigkeiten/beispielmeldung/" not in urls(pack_json("de", "section", section_de().pk))


@pytest.mark.parametrize(("language", "font"), [("ar", "noto-naskh-arabic-regular.woff2"),
                                                ("ti", "noto-sans-ethiopic-regular.woff2")])
def test_a_pack_in_another_language_holds_that_language_s_pages_and_script_font(language, font):
    section = page_in(section_de(), language)
    body = pack_json(language, "section", section.pk)
    assert body["lang"] == language and body["title"] == section.title
    assert all(url.startswith(f"/{language}/") for url in urls(body))
    assert urls(body)[0] == f"/{language}/ak-migration-loerrach/"
    assert f"/static/fonts/{font}" in [item["url"] for item in body["files"]]


def test_sizes_are_the_bytes_a_visitor_gets(client):
    body = pack_json("de", "section", section_de().pk)
    for item in body["pages"]:
        assert item["bytes"] == len(client.get(item["url"]).content), item["url"]
    for item in body["files"]:
        found = finders.find(item["url"].removeprefix("/static/"))
        assert item["bytes"] == Path(found).stat().st_size, item["url"]
    assert body["bytes"] == sum(item["bytes"] for item in body["pages"] + body["files"])
    assert body["budget"] == 2 * 1024 * 1024 and body["over_budget"] is False


def test_directory_pack_lists_every_page_of_the_list_and_every_entry():
    directory = DirectoryPage.objects.get(locale__language_code="de")
    body = pack_json("de", "directory", directory.pk)
    found = urls(body)
    assert found[:2] == ["/de/organisationsverzeichnis/", "/de/organisationsverzeichnis/?seite=2"]
    assert len(found) == 2 + 25
    assert found[2:5] == [
        "/de/organisationsverzeichnis/agentur-fuer-arbeit/",
        "/de/organisationsverzeichnis/auslaenderbehoerden/",
        "/de/organisationsverzeichnis/beispiel-jugendtreff/",
    ]
    assert found[-1] == "/de/organisationsverzeichnis/wohnbaugesellschaften/"
    from django.test import Client

    client = Client()
    for item in body["pages"]:
        assert item["bytes"] == len(client.get(item["url"]).content), item["url"]


def place_events():
    """Every German event a one-off in the past, except four placed around the 8-week window from NOW."""
    events = EventPage.objects.filter(locale__language_code="de")
    long_ago = NOW - timedelta(days=400)
    events.update(rrule="", repeat="", start=long_ago, end=long_ago + timedelta(hours=1),
                  last_end=long_ago + timedelta(hours=1))
    placed = {}
    for slug, start in [("beispiel-sprachcafe", NOW + timedelta(days=1)),
                        ("beispiel-jobmesse", NOW + timedelta(days=55)),
                        ("beispiel-fachtag", NOW + timedelta(days=57)),
                        ("beispiel-netzwerktreffen", NOW - timedelta(days=1))]:
        event = events.filter(slug=slug).order_by("path").first()
        EventPage.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=2),
                                                     last_end=start + timedelta(hours=2))
        placed[slug] = event.url
    return placed


def test_calendar_pack_holds_the_next_eight_weeks_with_each_event_s_ics():
    placed = place_events()
    calendar = CalendarPage.objects.get(locale__language_code="de")
    body = pack_json("de", "calendar", calendar.pk)
    assert urls(body) == [
        "/de/veranstaltungskalender/",
        placed["beispiel-sprachcafe"],
        placed["beispiel-sprachcafe"] + "termin.ics",
        placed["beispiel-jobmesse"],
        placed["beispiel-jobmesse"] + "termin.ics",
    ]
    from django.test import Client

    client = Client()
    for item in body["pages"]:
        assert item["bytes"] == len(client.get(item["url"]).content), item["url"]


def test_an_event_index_pack_holds_only_its_own_events():
    placed = place_events()
    index = EventIndexPage.objects.get(url_path__endswith="/ak-migration-loerrach/veranstaltungen/",
                                       locale__language_code="de")
    body = pack_json("de", "calendar", index.pk)
    assert urls(body) == [EVENTS, placed["beispiel-sprachcafe"], placed["beispiel-sprachcafe"] + "termin.ics",
                          placed["beispiel-jobmesse"], placed["beispiel-jobmesse"] + "termin.ics"]


def test_over_budget_pack_says_so_and_the_page_holds_the_sentence(settings, client):
    settings.OFFLINE_PACK_BUDGET = 50_000
    body = pack_json("de", "section", section_de().pk)
    assert body["over_budget"] is True and body["budget"] == 50_000 and body["bytes"] > 50_000
    soup = BeautifulSoup(client.get(SECTION).content, "html.parser")
    assert soup.select_one(".offline-save")["data-too-big"] == "Zu groß zum Speichern: {size} (höchstens {budget})."


@pytest.mark.parametrize("address", [
    "/de/offline/paket/kapitel/4/",  # no such kind
    "/de/offline/paket/section/999999/",  # no such page
    "/de/offline/paket/section/99999999999999999999999/",  # beyond any database integer
    "/de/offline/paket/section/-1/",
    "/de/offline/paket/section/abc/",
    "/de/offline/paket/directory/{section}/",  # a page of another kind
    "/de/offline/paket/calendar/{section}/",
    "/en/offline/paket/section/{section}/",  # the German page under the English prefix
    "/xx/offline/paket/section/{section}/",  # no such language
])
def test_bad_addresses_are_not_found(client, address):
    response = client.get(address.format(section=section_de().pk), follow=True)
    assert response.status_code == 404  # "/xx/..." is first sent to "/de/xx/..."


def test_the_answer_is_public_and_kept_until_a_page_of_the_pack_changes(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 600  # as in production: what the page cache keeps goes stale with a publish
    section = section_de()
    first = pack(client, "de", "section", section.pk)
    assert first["Cache-Control"] == "public, no-cache"
    assert not first.cookies and "Set-Cookie" not in first
    with django_assert_num_queries(0):
        again = pack(client, "de", "section", section.pk)
    assert again.json() == first.json()
    news = NewsPage.objects.get(url_path__endswith="/ak-migration-loerrach/neuigkeiten/beispielmeldung/",
                                locale__language_code="de")
    news.title = news.title + " mit einem längeren Titel"
    news.save_revision().publish()
    changed = pack(client, "de", "section", section.pk).json()
    url = SECTION + "neuigkeiten/beispielmeldung/"
    before = {item["url"]: item["bytes"] for item in first.json()["pages"]}[url]
    after = {item["url"]: item["bytes"] for item in changed["pages"]}[url]
    assert after > before and after == len(client.get(url).content)


def test_a_bad_address_costs_a_fixed_number_of_queries(client):
    client.get("/de/offline/paket/kapitel/4/")  # the site's root paths, as kept for every later request
    with CaptureQueriesContext(connection) as unknown_kind:
        assert client.get("/de/offline/paket/kapitel/4/").status_code == 404
    with CaptureQueriesContext(connection) as unknown_page:
        assert client.get("/de/offline/paket/section/999999/").status_code == 404
    # The site's "not found" page with its menu and footer, and Wagtail's redirect middleware looking for a
    # redirect of the 404; an unknown kind is turned away before any query of its own, an unknown page costs two (the
    # view restrictions, the page).
    assert (len(unknown_kind), len(unknown_page)) == (KIND_QUERIES, KIND_QUERIES + 2), [
        query["sql"][:80] for query in unknown_page]


PACK_PAGES = {
    "section": lambda language: page_in(section_de(), language).url,
    "directory": lambda language: DirectoryPage.objects.get(locale__language_code=language).url,
    "calendar": lambda language: CalendarPage.objects.get(locale__language_code=language).url,
    "event index": lambda language: page_in(EventIndexPage.objects.get(
        url_path__endswith="/ak-migration-loerrach/veranstaltungen/", locale__language_code="de"), language).url,
}
BUTTON = {"de": "Für offline speichern", "ar": "حفظ للقراءة دون إنترنت", "ti": "ብዘይ ኢንተርነት ንምንባብ ዓቕብ"}


@pytest.mark.parametrize("language", sorted(BUTTON))
@pytest.mark.parametrize("kind", sorted(PACK_PAGES))
def test_the_button_is_hidden_until_the_script_finds_a_service_worker(client, kind, language):
    html = client.get(PACK_PAGES[kind](language)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.select(".offline-save")
    assert len(boxes) == 1
    box = boxes[0]
    assert box.has_attr("hidden")  # without JavaScript: not shown, nothing changes
    assert box.select_one(".offline-save__button").get_text() == BUTTON[language]
    assert box["data-pack-url"].startswith(f"/{language}/offline/paket/")
    assert box["data-pack-key"].startswith(f"/offline-packs/{language}/")
    scripts = [tag["src"] for tag in soup.select("script[src]") if "offline-save" in tag["src"]]
    assert scripts == ["/static/js/offline-save.js"]
    assert soup.select_one('script[src="/static/js/offline-save.js"]').has_attr("defer")
    assert not soup.select("script:not([src])")  # no inline script


def test_switched_off_there_is_neither_button_nor_pack(client, settings):
    settings.OFFLINE_ENABLED = False
    assert "offline-save" not in client.get(SECTION).content.decode()
    assert client.get(f"/de/offline/paket/section/{section_de().pk}/").status_code == 404


def test_hidden_means_not_displayed_in_the_stylesheet():
    css = (ROOT / "static/css/site.css").read_text()
    assert ".offline-save[hidden], .offline-save [hidden] { display: none; }" in css


@pytest.mark.parametrize("address", ["/de/", "/de/veranstaltungskalender/archiv/", "/de/glossar/"])
def test_other_pages_have_neither_button_nor_script(client, address):
    html = client.get(address).content.decode()
    assert "offline-save" not in html


def test_the_plugins_know_nothing_of_offline_packs():
    """The button comes from the site's templates, through an empty block of the plugins' own."""
    for plugin in ("events", "orgdirectory"):
        for path in (ROOT / plugin).rglob("*"):
            if path.suffix in (".py", ".html"):
                text = path.read_text(encoding="utf-8")
                assert "offlinepacks" not in text and "offline_save" not in text, path
