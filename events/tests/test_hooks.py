"""The host's hooks: a cache for feeds and filter choices, and the permission policy for imports."""

from datetime import date

import pytest
from django.test import override_settings

from events.tests.support import at, publish_event

pytestmark = pytest.mark.django_db

CALLS = []
STORE = {}


def remembering_cache(name, parts, compute):
    """What a host's cache does: compute once per key, then answer from the store."""
    CALLS.append(name)
    key = (name, repr(parts))
    if key not in STORE:
        STORE[key] = compute()
    return STORE[key]


def nobody(user, index):
    return False


@pytest.fixture
def cache_hook():
    CALLS.clear()
    STORE.clear()
    with override_settings(EVENTS_CACHE="events.tests.test_hooks.remembering_cache"):
        yield CALLS


def test_feed_and_filter_choices_go_through_the_cache_hook(client, calendar, index, cache_hook):
    publish_event(index, title="Erstes", start=at(date(2027, 4, 6), 18), end=at(date(2027, 4, 6), 19))
    first = client.get(calendar.url + "feed.ics").content
    publish_event(index, title="Zweites", start=at(date(2027, 4, 7), 18), end=at(date(2027, 4, 7), 19))
    second = client.get(calendar.url + "feed.ics").content
    assert "feed" in cache_hook and "calendar-filters" in cache_hook
    assert first == second  # served from the host's store until the host invalidates it
    assert b"Zweites" not in second


def test_without_a_cache_hook_every_request_is_fresh(client, calendar, index):
    publish_event(index, title="Erstes", start=at(date(2027, 4, 6), 18), end=at(date(2027, 4, 6), 19))
    client.get(calendar.url + "feed.ics")
    publish_event(index, title="Zweites", start=at(date(2027, 4, 7), 18), end=at(date(2027, 4, 7), 19))
    assert b"Zweites" in client.get(calendar.url + "feed.ics").content


def test_import_follows_the_permission_policy(client, django_user_model, index):
    admin = django_user_model.objects.create_superuser("chefin", "chefin@example.org", "pw")
    client.force_login(admin)
    page = client.get("/admin/events/import/")
    assert page.status_code == 200
    assert "Veranstaltungen" in page.content.decode()
    with override_settings(EVENTS_PERMISSION_POLICY="events.tests.test_hooks.nobody"):
        assert client.get("/admin/events/import/").status_code in (302, 403)


def test_default_policy_is_wagtails_add_permission(client, django_user_model, index):
    editor = django_user_model.objects.create_user("ohne", "ohne@example.org", "pw")
    client.force_login(editor)
    assert client.get("/admin/events/import/").status_code in (302, 403)
