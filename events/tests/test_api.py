"""The JSON API: occurrences with offsets of the site's time zone, working groups from the hook."""

from datetime import date

import pytest
from django.test import override_settings

from events.tests.support import at, publish_event

pytestmark = pytest.mark.django_db


def named_owner(indexes):
    """A host's own answer to "which working group owns this index": here, the grandparent page."""
    return {index.pk: index.get_parent().get_parent() for index in indexes}


def get_api(client, **params):
    response = client.get("/api/events/occurrences/", params)
    return response.status_code, response.json()


def test_occurrences_have_the_sites_offsets_and_working_group(client, index, group):
    publish_event(index, title="Winter", start=at(date(2027, 1, 12), 18), end=at(date(2027, 1, 12), 19))
    publish_event(index, title="Sommer", start=at(date(2027, 7, 13), 18), end=at(date(2027, 7, 13), 19))
    status, data = get_api(client, start="2027-01-01", end="2027-12-31", lang="de")
    assert status == 200
    assert [(item["title"], item["start"]) for item in data["occurrences"]] == [
        ("Winter", "2027-01-12T18:00:00-05:00"), ("Sommer", "2027-07-13T18:00:00-04:00")
    ]
    assert data["occurrences"][0]["working_group"] == {"slug": "nord", "title": "Arbeitskreis Nord"}
    assert data["occurrences"][0]["ics_url"].endswith("termin.ics")


def test_the_working_group_hook_is_honoured(client, index, home):
    publish_event(index, title="Treffen", start=at(date(2027, 2, 2), 18), end=at(date(2027, 2, 2), 19))
    with override_settings(EVENTS_WORKING_GROUPS="events.tests.test_api.named_owner"):
        _status, data = get_api(client, start="2027-02-01", end="2027-02-28")
        filtered = get_api(client, start="2027-02-01", end="2027-02-28", arbeitskreis=home.slug)[1]
    assert data["occurrences"][0]["working_group"]["slug"] == home.slug
    assert [item["title"] for item in filtered["occurrences"]] == ["Treffen"]


def test_bad_requests_are_explained(client, db):
    status, data = get_api(client, start="morgen")
    assert status == 400
    assert "JJJJ-MM-TT" in data["error"]
    status, data = get_api(client, lang="xx")
    assert status == 400 and "Unbekannte Sprache" in data["error"]
