"""The read-only JSON API for partner sites: same filters as the page, answers in a requested language."""

import pytest
from wagtail.models import Locale

from tests.orgdirectory_helpers import make_organisation

pytestmark = pytest.mark.django_db
API = "/api/v2/organisations/"


def names(response):
    assert response.status_code == 200
    return [item["name"] for item in response.json()["items"]]


def test_list_is_paged_and_counts_everything(client):
    data = client.get(API + "?limit=5").json()
    assert data["meta"]["total_count"] == 25 and len(data["items"]) == 5
    second = client.get(API + "?limit=5&offset=5").json()
    assert {item["key"] for item in second["items"]}.isdisjoint({item["key"] for item in data["items"]})


def test_api_filters(client):
    assert names(client.get(API + "?sprache=ar")) == [
        "Beispiel: Jugendtreff mit Beratung", "Beispiel: Migrationsberatung mit Abendsprechstunde"
    ]
    assert names(client.get(API + "?kategorie=sprachkurs&kreis=waldshut")) == ["Beispiel: Sprachcafé"]
    assert len(names(client.get(API + "?arbeitskreis=ak-migration-waldshut&limit=100"))) == 14
    assert names(client.get(API + "?q=Jobcenter")) == ["Jobcenter"]
    assert names(client.get(API + "?ort=Waldshut-Tiengen")) == ["Beispiel: Sprachcafé"]


def test_api_open_now(client):
    make_organisation("api-offen", "API offen", hours=[(d, s, e) for d in range(7) for s, e in (("00:00", "12:00"), ("12:00", "00:00"))])
    data = client.get(API + "?jetzt_offen=1&q=API").json()
    assert [item["key"] for item in data["items"]] == ["api-offen"]
    assert data["items"][0]["opening_hours"]["open_now"] is True


def test_api_answers_in_the_requested_language(client):
    from translations.store import translate

    entry = make_organisation("api-uebersetzt", "Sprachtreff", category="sprachkurs", languages=["ar"],
                              description="<p>Deutsch üben</p>")
    translate(entry, Locale.objects.get(language_code="en"), {"Sprachtreff": "Language meetup", "Deutsch üben": "Practise German"})
    item = client.get(API + "api-uebersetzt/?locale=en").json()
    assert item["name"] == "Language meetup" and item["translated"] is True and item["locale"] == "en"
    assert item["description"] == "<p>Practise German</p>"
    assert item["languages"] == [{"code": "ar", "name": "العربية", "dir": "rtl"}]
    assert item["url"].endswith("/en/organisationsverzeichnis/api-uebersetzt/")
    fallback = client.get(API + "api-uebersetzt/?locale=so").json()
    assert fallback["name"] == "Sprachtreff" and fallback["translated"] is False


def test_api_rejects_nothing_with_a_500(client):
    response = client.get(API + "?kategorie=x&sprache=zz")
    assert response.status_code == 200
    assert len(response.json()["meta"]["problems"]) == 2
    assert client.get(API + "gibt-es-nicht/").status_code == 404
    # Invalid paging or language values are refused with a JSON error, never silently replaced.
    for query in ("limit=abc", "limit=-1", "limit=0", "offset=-3", "locale=xx"):
        refused = client.get(API + "?" + query)
        assert refused.status_code == 400 and refused.json()["error"], query


def test_api_query_count_is_bounded(client, django_assert_max_num_queries):
    for number in range(30):
        make_organisation(f"api-last-{number}", f"API-Last {number}", languages=["ar"], hours=[(1, "08:00", "09:00")])
    with django_assert_max_num_queries(25):
        assert client.get(API + "?limit=100&sprache=ar").status_code == 200
