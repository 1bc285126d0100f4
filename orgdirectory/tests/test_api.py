"""The JSON API, read with the standard library's JSON parser; answers in the language asked for."""

import json

import pytest


def get_json(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db
def test_list_filters_by_region_and_reports_unknown_values(client, directory, entries):
    status, data = get_json(client, "/api/v2/organisations/?kreis=nordkreis")
    assert status == 200
    assert [item["key"] for item in data["items"]] == ["beratungsstelle-nord"]
    assert data["items"][0]["address"]["county"] == "nordkreis"
    assert data["items"][0]["working_groups"] == [{"slug": "ak-nord", "title": "Arbeitskreis Nord"}]
    _status, unknown = get_json(client, "/api/v2/organisations/?kreis=atlantis")
    assert unknown["meta"]["problems"] == ["Die Region „atlantis“ gibt es nicht. Dieser Filter wurde weggelassen."]
    assert unknown["meta"]["total_count"] == 2


@pytest.mark.django_db
def test_messages_come_from_the_plugins_own_arabic_catalogue(client, directory, entries, arabic):
    _status, data = get_json(client, "/api/v2/organisations/?locale=ar&kreis=atlantis")
    assert data["meta"]["locale"] == "ar"
    assert data["meta"]["problems"] == ["المنطقة «atlantis» غير موجودة. تم تجاهل هذا الفلتر."]


@pytest.mark.django_db
def test_missing_entry_is_a_404(client, directory, entries):
    status, _data = get_json(client, "/api/v2/organisations/gibt-es-nicht/")
    assert status == 404
