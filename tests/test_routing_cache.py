"""Pages routed from a home page the frame cache keeps (``caching/routing.py``) are the pages Wagtail's own
routing finds, also right after an editor changes what routing starts from: a home page, a site."""

import re

import pytest
from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frame_cache")]


def seen(response):
    """What a visitor notices: the status, the page's language and its main heading."""
    html = response.content.decode()
    language = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return (response.status_code, language and language.group(1),
            heading and re.sub(r"<[^>]+>|\u00ad|\s+", "", heading.group(1)))


def wagtails_own(client, settings, path):
    """The answer with Wagtail's routing (no frame cache, nothing kept)."""
    settings.FRAME_CACHE_SECONDS = 0
    try:
        return seen(client.get(path))
    finally:
        settings.FRAME_CACHE_SECONDS = 600


@pytest.mark.parametrize("path", [
    "/de/", "/en/", "/ar/", "/ti/", "/en/ak-migration-loerrach/", "/ar/ak-migration-loerrach/veranstaltungen/",
    "/en/veranstaltungskalender/", "/de/gibt-es-nicht/", "/en/ak-migration-loerrach/gibt-es-nicht/",
])
def test_pages_are_found_as_wagtail_finds_them(client, settings, path):
    client.get(path)  # the first request keeps the route
    assert seen(client.get(path)) == wagtails_own(client, settings, path)


def test_a_home_page_unpublished_in_one_language_is_seen_at_once(client, settings):
    english_home = HomePage.objects.get(locale__language_code="en")
    before = seen(client.get("/en/"))
    assert before[0] == 200
    english_home.unpublish()
    after = seen(client.get("/en/"))
    assert after == wagtails_own(client, settings, "/en/")
    assert after != before


def test_a_new_site_for_a_host_is_seen_at_once(working_groups_de):
    from django.test import Client

    visitor = Client(HTTP_HOST="127.0.0.1")
    group = working_groups_de["ak-migration-loerrach"]
    assert seen(visitor.get("/de/"))[2] != seen(visitor.get(group.url))[2]  # the default site's home page
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=Page.objects.get(pk=group.pk), site_name="Probe")
    assert seen(visitor.get("/de/"))[2] == group.title.replace("\u00ad", "").replace(" ", "")


def test_an_event_page_links_to_its_languages_calendar(client, settings):
    path = "/en/ak-migration-loerrach/veranstaltungen/beispiel-sprachcafe/"
    client.get(path)
    assert 'href="/en/veranstaltungskalender/"' in client.get(path).content.decode()
