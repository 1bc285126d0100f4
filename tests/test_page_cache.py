"""Whole-page cache: visitors get cached pages, and never a stale one after an editor's change."""

import gzip
from unittest import mock

import pytest
from django.core.cache import cache
from wagtail.models import Page

from caching import versions
from home.models import Footer, WorkingGroupPage
from tests.conftest import page_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_caching(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def group(german):
    return WorkingGroupPage.objects.filter(locale=german).order_by("path").first()


def get(client, url):
    response = client.get(url)
    return response, response.get("X-Page-Cache")


def warm(client, url):
    assert get(client, url)[1] == "miss"
    response, state = get(client, url)
    assert state == "hit"
    return response


def test_second_visit_is_served_from_the_cache(client, home_de):
    first, state = get(client, "/de/")
    assert state == "miss"
    second, state = get(client, "/de/")
    assert state == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "Set-Cookie" not in second or "sessionid" not in second["Set-Cookie"]


def test_publishing_a_change_shows_at_once(client, group, django_capture_on_commit_callbacks):
    warm(client, group.url)
    with django_capture_on_commit_callbacks(execute=True):
        group.title = "Beispiel: geänderter Titel"
        group.save_revision().publish()
    response, state = get(client, group.url)
    assert state == "miss"
    assert "Beispiel: geänderter Titel" in response.content.decode()


def test_an_unpublished_page_disappears_at_once(client, group):
    warm(client, group.url)
    group.unpublish()
    assert client.get(group.url).status_code == 404


def test_a_moved_page_leaves_its_old_address_at_once(client, group, home_de):
    old_url = group.url
    warm(client, old_url)
    target = WorkingGroupPage.objects.filter(locale=home_de.locale).exclude(pk=group.pk).first()
    Page.objects.get(pk=group.pk).move(target, pos="last-child")
    new_url = Page.objects.get(pk=group.pk).url
    response = client.get(old_url)
    # Wagtail leaves a redirect to the new address instead of the cached old page.
    assert response.status_code == 301 and response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_a_deleted_page_disappears_at_once(client, group):
    url = group.url
    warm(client, url)
    Page.objects.get(pk=group.pk).delete()
    assert client.get(url).status_code == 404


def test_a_published_translation_shows_at_once(client, group):
    arabic = page_in(group, "ar")
    warm(client, arabic.url)
    arabic.title = "عنوان تجريبي"
    arabic.save_revision().publish()
    assert "عنوان تجريبي" in client.get(arabic.url).content.decode()


def test_a_snippet_change_invalidates(client, german):
    warm(client, "/de/")
    Footer.objects.filter(locale=german).first().save()
    assert get(client, "/de/")[1] == "miss"


# Directory and calendar data making their listings stale: tests/test_cache_dependencies.py.


def test_signed_in_editors_never_get_cached_pages(client, django_user_model):
    warm(client, "/de/")
    client.force_login(django_user_model.objects.create_user("leserin", password="Lange-Passwort-2031"))
    response = client.get("/de/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_admin_health_and_long_queries_bypass_the_cache(client):
    assert "X-Page-Cache" not in client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/de/?q=" + "x" * 400)


def test_a_cache_outage_still_serves_pages(client):
    with mock.patch.object(versions.cache, "get_many", side_effect=ConnectionError("redis down")):
        response = client.get("/de/")
    assert response.status_code == 200


def test_disabled_without_a_shared_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get("/de/")


def test_cached_pages_are_stored_compressed_and_served_plain_to_clients_without_gzip(client, home_de):
    url = home_de.url
    assert get(client, url)[1] == "miss"
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["X-Page-Cache"] == "miss" and compressed["Content-Encoding"] == "gzip"
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert again["X-Page-Cache"] == "hit" and again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == client.get(url).content
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "hit" and not plain.has_header("Content-Encoding")
    assert b"</html>" in plain.content
