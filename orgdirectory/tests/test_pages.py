"""The public pages in a bare Wagtail project: rendered with the plugin's own base template, vCard and JSON-LD."""

import json
import re
from html.parser import HTMLParser

import pytest

from orgdirectory.models import Region
from orgdirectory.tests.conftest import publish


class Outline(HTMLParser):
    """Collects what a reader of the page meets: the root's lang/dir, headings, links and JSON-LD scripts."""

    def __init__(self):
        super().__init__()
        self.root, self.headings, self.links, self.scripts, self._in = {}, [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs
        if tag in {"h1", "h2"} or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag
            (self.scripts if tag == "script" else self.headings).append("")
        if tag == "a":
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in:
            # Soft hyphens in long words (hyphenation.py) are not seen unless a line breaks there.
            self.headings[-1] += data.replace("\u00ad", "")


def outline(response):
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def unfolded_vcard(text):
    """Properties of a vCard (RFC 2426: a line starting with a space continues the previous one)."""
    lines = re.sub(r"\r?\n[ \t]", "", text).splitlines()
    properties = {}
    for line in lines:
        name, _colon, value = line.partition(":")
        properties.setdefault(name.split(";")[0].upper(), []).append(value)
    return properties


@pytest.mark.django_db
def test_directory_lists_the_entries_inside_the_plugins_own_page_frame(client, directory, entries):
    response = client.get(directory.url)
    assert response.status_code == 200
    page = outline(response)
    assert page.root == {"lang": "de", "dir": "ltr"}
    assert page.headings[:3] == ["Verzeichnis", "Beratungsstelle Nord", "Sprachcafé"]
    assert "#main" in page.links
    # Open Mondays 09:00-17:00 in the project's zone: at 11:30 in New York (17:30 in Berlin) it is open.
    assert "Jetzt geöffnet bis 17:00" in response.content.decode()


@pytest.mark.django_db
def test_directory_filters_by_an_editor_made_region_and_reports_an_unknown_one(client, directory, entries, german):
    Region.objects.create(name="Leerkreis", slug="leerkreis", locale=german)  # no entry: not offered
    form = client.get(directory.url).content.decode()
    assert '<option value="nordkreis">Nordkreis</option>' in form and "leerkreis" not in form
    page = outline(client.get(directory.url + "?kreis=nordkreis"))
    assert page.headings[1:] == ["Beratungsstelle Nord"]
    response = client.get(directory.url + "?kreis=atlantis")
    assert "Die Region „atlantis“ gibt es nicht." in response.content.decode()
    assert len(outline(response).headings) == 3


@pytest.mark.django_db
def test_many_entries_are_split_into_pages_by_the_plugins_own_pagination(client, directory, german):
    for number in range(21):
        publish(german, f"stelle-{number:02d}", f"Stelle {number:02d}")
    response = client.get(directory.url)
    assert response.status_code == 200
    assert "Seite 1 von 2" in response.content.decode()
    assert outline(client.get(directory.url + "?seite=2")).headings[1:] == ["Stelle 20"]


@pytest.mark.django_db
def test_detail_page_has_contact_links_and_parseable_json_ld(client, directory, entries):
    response = client.get(directory.url + "beratungsstelle-nord/")
    assert response.status_code == 200
    page = outline(response)
    assert "tel:+4912345678" in page.links and "mailto:nord@example.org" in page.links
    data = json.loads(page.scripts[0])
    assert data["name"] == "Beratungsstelle Nord"
    assert data["address"]["postalCode"] == "12345"
    assert data["knowsLanguage"] == ["ar", "es"]
    assert client.get(directory.url + "gibt-es-nicht/").status_code == 404


@pytest.mark.django_db
def test_vcard_can_be_read_back_by_an_independent_parser(client, directory, entries):
    response = client.get(directory.url + "beratungsstelle-nord/vcard/")
    assert response["Content-Type"].startswith("text/vcard")
    card = unfolded_vcard(response.content.decode())
    assert card["BEGIN"] == ["VCARD"] and card["VERSION"] == ["3.0"]
    assert card["FN"] == ["Beratungsstelle Nord"]
    assert card["TEL"] == ["+4912345678"]
    assert card["EMAIL"] == ["nord@example.org"]
    assert card["ADR"] == [";;Hauptstraße 1;Nordstadt;;12345;Deutschland"]


@pytest.mark.django_db
def test_a_site_base_template_named_in_the_setting_frames_the_pages(client, directory, entries, settings, tmp_path):
    (tmp_path / "site_frame.html").write_text(
        '<!DOCTYPE html><html lang="de"><title>Site</title><body><p id="site-frame">Rahmen der Website</p>'
        "{% block content %}{% endblock %}</body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    settings.ORGDIRECTORY_BASE_TEMPLATE = "site_frame.html"
    content = client.get(directory.url).content.decode()
    assert "Rahmen der Website" in content and "Beratungsstelle Nord" in content.replace("\u00ad", "")


@pytest.mark.django_db
def test_filter_values_reach_the_database_without_control_characters(client, directory, entries):
    """PostgreSQL refuses a NUL byte in a comparison (a 500 there); the filters drop control characters."""
    from orgdirectory.directory import parse_query

    query = parse_query({"kategorie": "bera\x00tung", "ort": "Nord\x00stadt\r\n", "q": "\x00Nord\x1f"})
    assert (query.category, query.town, query.text) == ("beratung", "Nordstadt", "Nord")
    assert client.get(directory.url, {"kategorie": "\x00", "ort": "\x00", "kreis": "\x00"}).status_code == 200


def test_detail_page_says_when_a_person_last_checked_the_entry_in_the_visitors_language(client, directory, entries):
    from datetime import date

    from django.utils import translation

    from orgdirectory.models import Organisation
    from orgdirectory.presenters import checked_text

    office, _course = entries
    assert "zuletzt geprüft" not in client.get(directory.url + "beratungsstelle-nord/").content.decode()
    Organisation.objects.filter(pk=office.pk).update(last_checked=date(2026, 3, 3))
    assert "zuletzt geprüft am 3. März 2026" in client.get(directory.url + "beratungsstelle-nord/").content.decode()
    office.refresh_from_db()
    with translation.override("en"):
        assert checked_text(office) == "last checked on March 3, 2026"
    with translation.override("ar"):
        assert checked_text(office).startswith("آخر فحص في ")
