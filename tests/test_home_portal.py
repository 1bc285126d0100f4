"""The home page as a service portal: tiles for the main needs lead to the directory's and calendar's filters."""

import re

import pytest

from events.models import CalendarPage
from orgdirectory.models import DirectoryPage

pytestmark = pytest.mark.django_db


def tiles(html):
    return re.findall(r'<a class="tile" href="([^"]+)"><svg class="icon icon--large"[^>]*>.*?</svg><span>([^<]+)</span></a>', html, re.S)


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
        "Veranstaltungen diese Woche": calendar,
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
