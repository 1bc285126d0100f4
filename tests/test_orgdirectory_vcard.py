"""vCards as address books file them: an organisation (not a person), plain-text notes, lines of at most
75 octets in every language; read back with vobject. No "save as contact" for an entry without contact data."""

import pytest
import vobject

from orgdirectory.models import Organisation
from tests.orgdirectory_helpers import directory_url, make_organisation

pytestmark = pytest.mark.django_db


def card_of(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/vcard")
    text = response.content.decode("utf-8")
    return text, vobject.readOne(text)


def test_an_organisation_is_filed_as_a_company_with_a_plain_note(client):
    make_organisation(
        "vcard-firma", "Beratung & Begleitung Süd", street="Teststraße 1", postcode="79761", town="Waldshut-Tiengen",
        phone="07751 000000",
        description="<p>Beratung für Familien &amp; Alleinstehende.</p><p>Zweiter Absatz mit <b>Fett</b>.</p>",
    )
    text, card = card_of(client, directory_url() + "vcard-firma/vcard/")
    assert card.fn.value == "Beratung & Begleitung Süd"
    assert card.org.value == ["Beratung & Begleitung Süd"]
    assert card.n.value.family == "" and card.n.value.given == ""  # not a person called "Beratung"
    assert card.contents["x-abshowas"][0].value == "COMPANY"
    assert card.contents["kind"][0].value == "org"
    assert card.note.value == "Beratung für Familien & Alleinstehende.\n\nZweiter Absatz mit Fett."
    assert "&amp;" not in text and "<" not in card.note.value


@pytest.mark.parametrize("language", ["de", "ar", "ti", "uk"])
def test_every_line_of_every_card_fits_75_octets(client, language):
    checked = 0
    for entry in Organisation.objects.filter(locale__language_code="de", live=True):
        if not (entry.phone or entry.email or entry.website or entry.street or entry.postcode or entry.town):
            continue
        text, card = card_of(client, directory_url(language) + f"{entry.key}/vcard/")
        for line in text.split("\r\n"):
            assert len(line.encode("utf-8")) <= 75, line
        assert card.fn.value
        checked += 1
    assert checked >= 1  # the seed has few entries with contact data; long lines: next test


def test_a_long_arabic_note_survives_folding(client):
    note = "تقدم هذه المنظمة استشارات مجانية للمهاجرين واللاجئين في جميع المسائل المتعلقة بالإقامة والعمل والسكن. " * 3
    make_organisation("vcard-arabisch", "Beratung Arabisch", town="Lörrach", phone="07621 000000",
                      description=f"<p>{note.strip()}</p>")
    text, card = card_of(client, directory_url() + "vcard-arabisch/vcard/")
    assert card.note.value == note.strip()
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75


def test_no_contact_card_for_an_entry_without_contact_data(client):
    make_organisation("ohne-kontakt", "Arbeitsgruppe ohne Kontaktdaten")
    html = client.get(directory_url() + "ohne-kontakt/").content.decode()
    assert "Arbeitsgruppe ohne Kontaktdaten" in html
    assert "Als Kontakt speichern" not in html and "/vcard/" not in html
    assert client.get(directory_url() + "ohne-kontakt/vcard/").status_code == 404
    make_organisation("mit-kontakt", "Stelle mit Telefon", phone="07621 000000")
    assert "Als Kontakt speichern" in client.get(directory_url() + "mit-kontakt/").content.decode()
