"""The public directory: filters, search, detail page, vCard, JSON-LD, working-group member lists."""

import json
import re
from datetime import date, datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from demo.directory import key_for
from demo.seed import SEED_FILE, split_members
from orgdirectory import opening_hours
from orgdirectory.models import Organisation
from tests.conftest import page_in
from tests.orgdirectory_helpers import directory_url, make_organisation, result_names

BERLIN = ZoneInfo("Europe/Berlin")  # the site's TIME_ZONE

pytestmark = pytest.mark.django_db

ALWAYS = [(day, start, end) for day in range(7) for start, end in (("00:00", "12:00"), ("12:00", "00:00"))]


def seed_members():
    paragraphs = [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return split_members(paragraphs[3]), split_members(paragraphs[6])


def all_names(client, url):
    names, page = [], 1
    while True:
        response = client.get(url + ("&" if "?" in url else "?") + f"seite={page}")
        names += result_names(response)
        if 'rel="next"' not in response.content.decode():
            return names
        page += 1


def test_directory_lists_every_institution_of_the_seed_once(client):
    loerrach, waldshut = seed_members()
    names = all_names(client, directory_url())
    institutions = set(loerrach) | set(waldshut)
    assert len(institutions) == 22
    assert institutions <= set(names)
    assert len(names) == len(set(names)) == 25  # plus three marked examples
    assert all(name.startswith("Beispiel: ") for name in set(names) - institutions)


def test_seed_entries_have_no_invented_contact_data():
    loerrach, waldshut = seed_members()
    for entry in Organisation.objects.filter(locale__language_code="de", name__in=set(loerrach) | set(waldshut)):
        assert not (entry.street or entry.postcode or entry.phone or entry.email or entry.website)
        assert not entry.opening_intervals.exists()
    for entry in Organisation.objects.filter(locale__language_code="de", name__startswith="Beispiel"):
        assert "Beispieleintrag" in entry.description
        assert not (entry.street or entry.phone or entry.email)


def test_filter_by_language_of_advice(client):
    make_organisation("nur-tigrinya", "Tigrinya-Beratung", languages=["ti"])
    names = result_names(client.get(directory_url() + "?sprache=ar"))
    assert names == ["Beispiel: Jugendtreff mit Beratung", "Beispiel: Migrationsberatung mit Abendsprechstunde"]
    assert "Tigrinya-Beratung" in result_names(client.get(directory_url() + "?sprache=ti"))


def test_filter_by_category_county_and_town(client):
    assert result_names(client.get(directory_url() + "?kategorie=sprachkurs")) == ["Beispiel: Sprachcafé", "Sprachkursträger"]
    county = result_names(client.get(directory_url() + "?kreis=waldshut"))
    assert county == ["Beispiel: Sprachcafé", "Sozialdezernentin des Landkreises Waldshut"]
    assert result_names(client.get(directory_url() + "?ort=Lörrach")) == ["Beispiel: Migrationsberatung mit Abendsprechstunde"]


def test_filter_by_working_group_lists_exactly_its_members(client, working_groups_de):
    loerrach, waldshut = seed_members()
    names = all_names(client, directory_url() + "?arbeitskreis=ak-migration-waldshut")
    assert sorted(names) == sorted(waldshut)
    # The same filter from the Arabic directory (slugs are the same in every language; names may be translated).
    response = client.get(directory_url("ar") + "?arbeitskreis=ak-migration-loerrach&seite=1")
    assert "17" in re.search(r'<p class="directory-count"[^>]*>(.*?)</p>', response.content.decode(), re.S).group(1)
    keys = set(re.findall(r'<h2><a href="/ar/organisationsverzeichnis/([^/]+)/">', response.content.decode()))
    assert keys == {key_for(name) for name in loerrach}


def test_filters_combine(client):
    names = result_names(client.get(directory_url() + "?arbeitskreis=ak-migration-waldshut&kategorie=bildung"))
    assert names == ["Gewerbeschulen", "Schulamt"]
    assert result_names(client.get(directory_url() + "?sprache=ar&kreis=loerrach&kategorie=jugend")) == [
        "Beispiel: Jugendtreff mit Beratung"
    ]
    assert result_names(client.get(directory_url() + "?sprache=uk&kategorie=jugend")) == []


def test_open_now_filter(client):
    make_organisation("immer-offen", "Immer offen", hours=ALWAYS)
    far_day = (opening_hours.now_local().weekday() + 3) % 7
    make_organisation("bald-offen", "Bald offen", hours=[(far_day, "08:00", "09:00")])
    names = result_names(client.get(directory_url() + "?jetzt_offen=1"))
    assert "Immer offen" in names and "Bald offen" not in names
    response = client.get(directory_url() + "?jetzt_offen=1&q=Immer")
    assert result_names(response) == ["Immer offen"]
    assert "Jetzt geöffnet bis" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_open_now_filter_respects_a_closed_exception_today(client):
    today = opening_hours.now_local().date()
    make_organisation("heute-zu", "Heute zu", hours=ALWAYS,
                      exceptions=[{"day": today, "closed": True}, {"day": today - timedelta(days=1), "closed": True}])
    assert "Heute zu" not in result_names(client.get(directory_url() + "?jetzt_offen=1"))


def test_search_in_german(client):
    make_organisation("beratung-aufenthalt", "Beratungsstelle Nord", services="Fragen zum Aufenthaltstitel")
    assert result_names(client.get(directory_url() + "?q=Jobcenter")) == ["Jobcenter"]
    assert "Beratungsstelle Nord" in result_names(client.get(directory_url() + "?q=Aufenthaltstitel"))


def test_search_in_the_visitors_language(client):
    from translations.store import translate

    entry = make_organisation("sprachtreff-sued", "Sprachtreff Süd", description="<p>Gespräche auf Deutsch</p>")
    english = Locale.objects.get(language_code="en")
    translate(entry, english, {"Sprachtreff Süd": "Language meeting South", "Gespräche auf Deutsch": "Conversations in German"})
    response = client.get(directory_url("en") + "?q=Conversations")
    assert result_names(response) == ["Language meeting South"]
    assert "Language meeting South" in result_names(client.get(directory_url("en") + "?q=Gespräche"))
    assert result_names(client.get(directory_url("de") + "?q=Conversations")) == []


def test_garbage_parameters_are_reported_not_errors(client):
    response = client.get(directory_url() + "?kategorie=%3Cscript%3E&sprache=xx&kreis=berlin&seite=abc&arbeitskreis=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Kategorie „&lt;script&gt;“ gibt es nicht" in html
    assert "Die Sprache „xx“ gibt es nicht" in html
    assert "<script>" not in html.split("<body")[1]
    assert len(result_names(response)) == 20  # nothing was filtered


def test_empty_result_says_so_and_offers_to_clear_filters(client):
    response = client.get(directory_url() + "?q=Gibtesnichtxyz&sprache=ar")
    html = response.content.decode()
    assert "keinen Eintrag gefunden" in html
    assert f'<a href="{directory_url()}">Alle Filter löschen und alle Einträge zeigen</a>' in html


def test_pagination_keeps_the_filters_in_the_link(client):
    for number in range(25):
        make_organisation(f"sprachschule-{number}", f"Sprachschule {number:02d}", languages=["ar"])
    response = client.get(directory_url() + "?sprache=ar")
    assert 'href="?sprache=ar&amp;seite=2"' in response.content.decode()
    second = client.get(directory_url() + "?sprache=ar&seite=2")
    assert len(result_names(second)) == 7


def test_arabic_directory_is_right_to_left_with_untranslated_entries_marked_german(client):
    make_organisation("neu-ohne-uebersetzung", "Neue Stelle", languages=["ar"])
    html = client.get(directory_url("ar") + "?sprache=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<li class="directory-result" lang="de" dir="ltr">\s*<h2><a href="/ar/[^"]+/neu-ohne-uebersetzung/">Neue Stelle', html)
    assert '<option value="ar" lang="ar" selected>العربية</option>' in html
    assert "notice--untranslated" not in html.split("<main")[1].split("directory-results")[0]


def test_detail_page_links_phone_mail_and_map(client):
    make_organisation(
        "kontakt-test", "Kontaktstelle", category="behoerde", street="Teststraße 1", postcode="79539", town="Lörrach",
        phone="+49 (0)7621 / 000-00", email="kontakt@example.org", website="https://example.org",
        latitude="47.614000", longitude="7.664000", hours=[(0, "08:00", "12:00"), (0, "13:00", "15:30")],
        languages=["ar", "tr"],
    )
    response = client.get(directory_url() + "kontakt-test/")
    html = response.content.decode()
    assert 'href="tel:+49762100000"' in html
    assert 'href="mailto:kontakt@example.org"' in html
    assert 'href="geo:47.614,7.664?q=47.614,7.664(Kontaktstelle)"' in html
    assert "https://www.openstreetmap.org/?mlat=47.614&amp;mlon=7.664" in html
    assert "<iframe" not in html
    assert '<li lang="ar" dir="rtl">العربية</li><li lang="tr" dir="ltr">Türkçe</li>' in html
    assert "<th scope=\"row\">Montag</th><td dir=\"ltr\">08:00–12:00, 13:00–15:30</td>" in html
    data = json.loads(unescape(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)))
    assert data["@type"] == "GovernmentOffice" and data["name"] == "Kontaktstelle"
    assert data["telephone"] == "+49762100000"
    assert data["address"]["postalCode"] == "79539" and data["address"]["addressLocality"] == "Lörrach"
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Monday"


def test_detail_page_in_arabic_shows_weekdays_in_arabic(client):
    make_organisation("arabisch-test", "Stelle mit Zeiten", hours=[(0, "08:00", "12:00")])
    html = client.get(directory_url("ar") + "arabisch-test/").content.decode()
    assert "الاثنين" in html
    assert '<article class="organisation" lang="de" dir="ltr">' in html
    assert 'class="notice notice--untranslated"' in html


def test_detail_status_says_when_it_opens(client, monkeypatch):
    make_organisation("status-test", "Status-Test", hours=[(0, "08:00", "12:00")])
    monkeypatch.setattr(opening_hours, "now_local", lambda: datetime(2026, 11, 22, 18, tzinfo=BERLIN))
    html = client.get(directory_url() + "status-test/").content.decode()
    assert "Jetzt geschlossen · öffnet morgen um 08:00" in html
    monkeypatch.setattr(opening_hours, "now_local", lambda: datetime(2026, 11, 23, 9, tzinfo=BERLIN))
    assert "Jetzt geöffnet bis 12:00" in client.get(directory_url() + "status-test/").content.decode()


def test_vcard_parses_and_carries_name_phone_and_address(client):
    make_organisation("vcard-test", "Beratung Süd", street="Teststraße 1", postcode="79761", town="Waldshut-Tiengen",
                      phone="07751 000000", email="sued@example.org")
    response = client.get(directory_url() + "vcard-test/vcard/")
    assert response["Content-Type"].startswith("text/vcard")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Beratung Süd"
    assert card.tel.value == "07751000000"
    assert card.adr.value.street == "Teststraße 1" and card.adr.value.city == "Waldshut-Tiengen"
    assert card.adr.value.code == "79761"
    assert card.email.value == "sued@example.org"


def test_unknown_entry_is_404(client):
    assert client.get(directory_url() + "gibt-es-nicht/").status_code == 404
    assert client.get(directory_url() + "gibt-es-nicht/vcard/").status_code == 404


def test_unpublished_entry_is_not_shown(client):
    entry = make_organisation("entwurf", "Entwurfsstelle")
    entry.unpublish()
    assert "Entwurfsstelle" not in result_names(client.get(directory_url() + "?q=Entwurfsstelle"))
    assert client.get(directory_url() + "entwurf/").status_code == 404


def _add_entries(groups, count, prefix="last"):
    for number in range(count):
        make_organisation(f"{prefix}-{number}", f"{prefix.title()} Stelle {number}", category="beratung",
                          hours=ALWAYS, languages=["ar", "de"], groups=groups,
                          exceptions=[{"day": date(2026, 12, 24), "closed": True}])


def _listed(response):
    """The names on a directory page that answered normally (an error page has no queries worth counting)."""
    assert response.status_code == 200
    return result_names(response)


@pytest.mark.parametrize("url", ["", "?sprache=ar", "?q=Stelle", "?jetzt_offen=1&kategorie=beratung"])
def test_directory_query_count_does_not_grow_with_entries(client, working_groups_de, django_assert_max_num_queries, url):
    _add_entries([working_groups_de["ak-migration-loerrach"]], 3, prefix="erst")
    client.get(directory_url() + url)
    with django_assert_max_num_queries(30):
        assert _listed(client.get(directory_url() + url))
    with CaptureQueriesContext(connection) as before:
        shown_before = _listed(client.get(directory_url() + url))
    _add_entries([working_groups_de["ak-migration-loerrach"]], 60)
    with django_assert_max_num_queries(len(before)):
        shown_after = _listed(client.get(directory_url() + url))
    assert len(shown_after) == 20 and len(shown_after) >= len(shown_before)  # a full page of the grown directory


def test_detail_and_working_group_query_counts_are_bounded(client, working_groups_de, django_assert_max_num_queries):
    group = working_groups_de["ak-migration-loerrach"]
    _add_entries([group], 30)
    with django_assert_max_num_queries(30):
        assert client.get(directory_url() + "last-3/").status_code == 200
    client.get(group.url)
    with django_assert_max_num_queries(45):
        assert client.get(group.url).status_code == 200


def test_working_group_pages_list_members_from_the_directory_in_seed_order(client, working_groups_de):
    loerrach, waldshut = seed_members()
    for slug, expected in (("ak-migration-loerrach", loerrach), ("ak-migration-waldshut", waldshut)):
        html = client.get(working_groups_de[slug].url).content.decode()
        listed = re.search(r'<ul class="member-list">(.*?)</ul>', html, re.S).group(1)
        assert [unescape(name) for name in re.findall(r'<a href="[^"]+">(.*?)</a>', listed)] == expected
    html = client.get(working_groups_de["ak-migration-waldshut"].url).content.decode()
    assert f'<a href="{directory_url()}jobcenter/">Jobcenter</a>' in html


def test_working_group_page_in_arabic_links_to_the_arabic_directory(client, working_groups_de):
    arabic = page_in(working_groups_de["ak-migration-waldshut"], "ar")
    html = client.get(arabic.url).content.decode()
    listed = re.search(r'<ul class="member-list">(.*?)</ul>', html, re.S).group(1)
    assert f'href="{directory_url("ar")}jobcenter/"' in listed


def test_project_group_keeps_its_two_working_groups_as_members(working_groups_de):
    assert working_groups_de["projektgruppe-arbeitsmarktliche-integration"].member_names == [
        "Arbeitskreis Migration des Landkreises Waldshut",
        "Arbeitskreis (AK) der Migration des Landkreises Lörrach",
    ]


def test_new_member_appears_on_the_working_group_page(client, working_groups_de):
    group = working_groups_de["ak-migration-waldshut"]
    make_organisation("neues-mitglied", "Neues Mitglied e. V.", groups=[group])
    assert "Neues Mitglied e. V." in group.member_names
    assert "Neues Mitglied e. V." in client.get(group.url).content.decode()


def test_open_now_in_sql_agrees_with_the_reference_in_python():
    from orgdirectory.directory import open_entry_ids, open_now_filter, source_entries

    make_organisation("mix-buero", "Büro", hours=[(d, "08:00", "12:00") for d in range(5)] + [(1, "14:00", "18:00")])
    make_organisation("mix-nacht", "Nacht", hours=[(4, "22:00", "02:00"), (5, "22:00", "06:00"), (6, "23:30", "00:30")])
    make_organisation("mix-feiertag", "Feiertag", hours=[(d, "09:00", "17:00") for d in range(7)],
                      exceptions=[{"day": date(2026, 11, 26), "closed": True},
                                  {"day": date(2026, 11, 27), "closed": False, "opens": time(10), "closes": time(11)}])
    entries = source_entries().filter(key__startswith="mix-")
    start = datetime(2026, 11, 23, 0, 15, tzinfo=BERLIN)
    moments = [start + timedelta(minutes=45 * step) for step in range(7 * 32)]
    moments += [datetime(2026, 3, 29, hour, 30, tzinfo=BERLIN) for hour in (0, 1, 3, 5)]
    moments += [datetime(2026, 10, 25, hour, 30, tzinfo=BERLIN) for hour in (0, 1, 2, 5)]
    for moment in moments:
        assert set(open_now_filter(entries, moment).values_list("pk", flat=True)) == set(open_entry_ids(entries, moment)), moment
