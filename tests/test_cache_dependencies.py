"""Invalidation by dependency: an editor's draft leaves every cached page in place, a publish makes
stale exactly what shows the changed page, and visitors never see an old version."""

import re

import pytest
from django.core.cache import cache
from wagtail.models import Page

from events.models import CalendarPage
from home.models import ContentPage, NewsIndexPage, NewsPage, WorkingGroupPage
from orgdirectory.models import DirectoryPage
from tests.conftest import page_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAME_CACHE_SECONDS = 600
    settings.PAGE_CACHE_INVALIDATION = "dependencies"
    cache.clear()
    yield
    cache.clear()


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    # The text as read: soft hyphens (U+00AD) in long words of headings and the menu show only at a line break.
    return response.get("X-Page-Cache"), response.content.decode().replace("\u00ad", "")


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert state(client, url)[0] == "hit", url


@pytest.fixture
def sections(german):
    """Two working groups (sections), each with its news index and one news item."""
    found = []
    for group in WorkingGroupPage.objects.filter(locale=german).order_by("path"):
        index = NewsIndexPage.objects.child_of(group).first()
        news = NewsPage.objects.child_of(index).live().first() if index else None
        if news is not None:
            found.append((group, index, news.specific))
    assert len(found) >= 2, "the demo content has two sections with news"
    return found[:2]


def nav(html):
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def test_a_draft_save_leaves_every_cached_page_valid(client, sections, home_de, django_capture_on_commit_callbacks):
    (group, index, news), (other_group, _, other_news) = sections
    urls = [home_de.url, group.url, index.url, news.url, other_group.url, other_news.url, page_in(news, "ar").url]
    warm(client, *urls)
    with django_capture_on_commit_callbacks(execute=True):
        news.title = "Beispiel: Entwurf, noch nicht veröffentlicht"
        revision = news.save_revision()
        # What comes with drafts: a lock, a log entry, a second revision of another page.
        news.locked = True
        news.save(update_fields=["locked"])
        other_news.save_revision()
    assert revision.content["title"].startswith("Beispiel: Entwurf")
    for url in urls:
        cached, html = state(client, url)
        assert cached == "hit", url
        assert "Entwurf, noch nicht veröffentlicht" not in html


def test_publishing_in_one_section_leaves_other_sections_cached(client, sections, django_capture_on_commit_callbacks):
    (group, index, news), (other_group, other_index, other_news) = sections
    warm(client, group.url, index.url, news.url, other_group.url, other_index.url, other_news.url)
    with django_capture_on_commit_callbacks(execute=True):
        news.title = "Beispiel: neue Überschrift der Nachricht"
        news.save_revision().publish()
    # The page itself and the listings that show it (index, section page) show the change at once ...
    for url in (news.url, index.url, group.url):
        cached, html = state(client, url)
        assert cached == "miss", url
        assert "neue Überschrift der Nachricht" in html, url
    # ... also in the other languages, whose language links and notices depend on it.
    arabic = page_in(news, "ar")
    assert "neue Überschrift der Nachricht" in client.get(arabic.url).content.decode() or arabic.alias_of_id is None
    # The other section was not touched.
    for url in (other_group.url, other_index.url, other_news.url):
        assert state(client, url)[0] == "hit", url


def test_a_menu_page_renamed_refreshes_the_menu_everywhere(client, sections, home_de, german):
    (group, _, news), _ = sections
    menu_page = ContentPage.objects.child_of(home_de).live().filter(locale=german).first()
    assert menu_page is not None and menu_page.title in nav(state(client, news.url)[1])
    warm(client, news.url, group.url)
    menu_page.title = "Beispiel: umbenannte Menüseite"
    menu_page.save_revision().publish()
    for url in (news.url, group.url):
        cached, html = state(client, url)
        assert cached == "miss", url
        assert "Beispiel: umbenannte Menüseite" in nav(html), url


def test_a_change_that_leaves_the_menu_alone_keeps_other_sections(client, sections, home_de, german):
    (_, _, news), (other_group, _, _) = sections
    menu_page = ContentPage.objects.child_of(home_de).live().filter(locale=german).first()
    warm(client, other_group.url, menu_page.url)
    menu_page.specific.save_revision().publish()  # same title and address
    assert state(client, menu_page.url)[0] == "miss"
    assert state(client, other_group.url)[0] == "hit"


def test_unpublishing_removes_the_page_from_its_listings(client, sections):
    (group, index, news), (other_group, _, _) = sections
    warm(client, index.url, news.url, other_group.url)
    news.unpublish()
    assert client.get(news.url).status_code == 404
    cached, html = state(client, index.url)
    assert cached == "miss" and news.title not in html
    assert state(client, other_group.url)[0] == "hit"


def test_a_moved_section_page_leaves_its_old_address_and_both_listings(client, sections):
    (group, index, news), (other_group, other_index, _) = sections
    news.slug = "beispiel-verschobene-meldung"  # the demo uses the same slugs in both sections
    news.save_revision().publish()
    news = Page.objects.get(pk=news.pk).specific
    old_url = news.url
    warm(client, old_url, index.url, other_index.url)
    Page.objects.get(pk=news.pk).move(other_index, pos="last-child")
    moved = Page.objects.get(pk=news.pk)
    assert client.get(old_url).status_code in (301, 404)
    assert news.title not in state(client, index.url)[1]
    assert news.title in state(client, other_index.url)[1]
    assert client.get(moved.url).status_code == 200


@pytest.mark.parametrize(("app_label", "listing"), [("orgdirectory", DirectoryPage), ("events", CalendarPage)])
def test_directory_and_calendar_data_make_their_listing_stale(client, sections, app_label, listing, german):
    from django.apps import apps

    listing_url = listing.objects.get(locale=german).url
    (group, _, _), _ = sections
    warm(client, listing_url)
    for model in apps.get_app_config(app_label).get_models():
        instance = model.objects.first()
        if instance is not None and not isinstance(instance, Page):
            instance.save()
            break
    assert state(client, listing_url)[0] == "miss"


def test_the_old_behaviour_can_be_switched_on_for_comparison(client, sections, settings):
    settings.PAGE_CACHE_INVALIDATION = "everything"
    (_, _, news), (other_group, _, _) = sections
    warm(client, other_group.url)
    news.save_revision()
    assert state(client, other_group.url)[0] == "miss"
