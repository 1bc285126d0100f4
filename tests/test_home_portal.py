"""The home page as a service portal: tiles for the main needs lead to the directory's and calendar's filters."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.models import CalendarPage
from orgdirectory.models import DirectoryPage

pytestmark = pytest.mark.django_db


def tiles(html):
    """(href, label) of each tile; labels without their soft hyphens."""
    found = re.findall(r'<a class="tile" href="([^"]+)"><svg class="icon icon--large"[^>]*>.*?</svg><span>([^<]+)</span></a>', html, re.S)
    return [(href, label.replace("\u00ad", "").replace("&shy;", "")) for href, label in found]


def test_home_tiles_lead_to_the_matching_filters_in_german(client):
    found = dict((label, href) for href, label in tiles(client.get("/de/").content.decode()))
    directory = DirectoryPage.objects.live().get(locale__language_code="de").url
    calendar = CalendarPage.objects.live().get(locale__language_code="de").url
    assert found == {
        "Arbeit und Ausbildung": f"{directory}?kategorie=arbeit-und-ausbildung",
        "Deutsch lernen": f"{directory}?kategorie=sprachkurs",
        "Aufenthalt und Papiere": f"{directory}?kategorie=behoerde",
        "Beratung": f"{directory}?kategorie=beratung",
        "Wohnen": f"{directory}?kategorie=wohnen",
        "Veranstaltungen diese Woche": f"{calendar}?ansicht=woche",
        "Die Arbeitskreise": "#groups-heading",
    }
    for href in found.values():
        if href.startswith("/"):
            assert client.get(href).status_code == 200


def test_home_tiles_speak_the_visitors_language_and_stay_in_it(client):
    html = client.get("/ar/").content.decode()
    found = tiles(html)
    assert len(found) == 7
    assert "السكن" in [label for _href, label in found]
    assert all(href.startswith("/ar/") or href.startswith("#") for href, _label in found)


def test_icons_are_inline_decorative_and_csp_safe(client):
    html = client.get("/de/").content.decode()
    icons = re.findall(r"<svg [^>]*>", html)
    assert icons
    for tag in icons:
        assert 'aria-hidden="true"' in tag and "style=" not in tag


def test_the_events_this_week_tile_shows_monday_to_sunday_of_the_current_week_in_berlin(client):
    """Monday 14 December 2026, 00:30 in Berlin is still Sunday in UTC: the tile shows the week from the 14th."""
    monday_night = datetime(2026, 12, 14, 0, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    with time_machine.travel(monday_night, tick=False):
        href = dict((label, href) for href, label in tiles(client.get("/de/").content.decode()))["Veranstaltungen diese Woche"]
        html = client.get(href).content.decode()
    assert "Woche vom 14. Dezember 2026 bis 20. Dezember 2026" in html
    days = [date.fromisoformat(day) for day in re.findall(r'<h2 class="event-day__heading"><time datetime="([0-9-]+)">', html)]
    assert all(date(2026, 12, 14) <= day <= date(2026, 12, 20) for day in days)


def test_long_words_get_soft_hyphens_only_where_a_dictionary_exists_and_never_in_the_title(client):
    """Phones without a hyphenation dictionary break "Veranstaltungen" only at a soft hyphen; the page title, which
    browsers and search engines show as is, and Arabic text (no dictionary) are left alone."""
    html = client.get("/de/").content.decode()
    assert "Ver\u00adan\u00adstal\u00adtun\u00adgen diese Woche" in html
    assert "\u00ad" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Arbeit und Ausbildung" in html  # short words stay whole
    arabic = client.get("/ar/").content.decode()
    assert all("\u00ad" not in label for _href, label in re.findall(r'<a class="tile" href="([^"]+)">.*?<span>([^<]+)</span>', arabic, re.S))


@pytest.mark.parametrize("module", ["events.hyphenation", "orgdirectory.hyphenation"])
def test_soft_hyphens_never_cut_off_a_syllable_without_a_vowel(module):
    """LibreOffice's German patterns give „Berufs-ab-sch-lüsse“; a line must never end in „sch-“."""
    from importlib import import_module

    hyphenated_word = import_module(module).hyphenated_word
    words = ["Berufsabschlüsse", "Organisationsverzeichnis", "Veranstaltungskalender", "Ausländerbehörde"]
    for word in words:
        pieces = hyphenated_word("de", word).split("\u00ad")
        assert "".join(pieces) == word and len(pieces) > 1
        assert all(any(vowel in piece.lower() for vowel in "aeiouyäöü") for piece in pieces), pieces
    assert hyphenated_word("de", "Berufsabschlüsse").split("\u00ad") == ["Berufs", "ab", "schlüsse"]
