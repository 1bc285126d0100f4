"""Property: whatever editors do, every page a visitor gets from the cache equals a fresh rendering.

Hypothesis draws sequences of editorial actions (drafts, publishes with and without a new title,
unpublishes, moves, deletes, published translations, menu and footer edits); after each action
every address of a fixed set (pages of two sections in German and Arabic, the home pages, the
calendar and the directory, including addresses that stop existing) is requested through the
WSGI layer with the page and frame caches on, and again with both caches off. Status, redirect
target and body must be equal. Runs with the local-memory cache and with a real Redis
(``redis-server`` from Debian; skipped without it); on PostgreSQL when ``DATABASE_URL`` says so.

CACHE_PROPERTY_EXAMPLES (default 3) sets the number of drawn sequences per cache backend.
"""

import os
import shutil
from contextlib import ExitStack

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from caching import pushed
from caching.wsgi import PageCacheApplication
from events.models import CalendarPage
from home.models import ContentPage, Footer, HomePage, MainMenu, NewsIndexPage, NewsPage, WorkingGroupPage
from orgdirectory.models import DirectoryPage
from tests.cache_helpers import call, keep_test_connection  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_test_connection")]

EXAMPLES = int(os.environ.get("CACHE_PROPERTY_EXAMPLES", "3"))

ACTIONS = st.one_of(
    st.tuples(st.just("draft"), st.integers(0, 6)),
    st.tuples(st.just("publish"), st.integers(0, 6), st.booleans()),
    st.tuples(st.just("unpublish"), st.integers(0, 6)),
    st.tuples(st.just("move"), st.integers(0, 6), st.integers(0, 1)),
    st.tuples(st.just("delete"), st.integers(0, 6)),
    st.tuples(st.just("translate"), st.integers(0, 6)),
    st.tuples(st.just("menu"), st.integers(0, 3)),
    st.tuples(st.just("footer"), st.integers(0, 1)),
)


@pytest.fixture(scope="module")
def redis_url():
    if not shutil.which("redis-server") and not os.path.exists("/usr/bin/redis-server"):
        pytest.skip("redis-server is not installed")
    from tests.servers import RedisServer

    server = RedisServer().start()
    yield server.url
    from caching import pushed

    pushed.stop_all()
    server.stop()


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request):
    if request.param == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "property"}}
    url = request.getfixturevalue("redis_url")
    return {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "property"}}


def scene():
    """The pages acted on (German section pages and the content page in the menu), the news indexes
    pages may move to, and the addresses checked (German, and Arabic for some)."""
    groups = list(WorkingGroupPage.objects.filter(locale__language_code="de").order_by("path")[:2])
    indexes = [NewsIndexPage.objects.child_of(group).first() for group in groups]
    news = [NewsPage.objects.child_of(index).order_by("path").first() for index in indexes]
    home = HomePage.objects.get(locale__language_code="de")
    content = ContentPage.objects.child_of(home).filter(locale=home.locale).first()
    actors = [page for page in [*groups, *indexes, *news, content] if page is not None]
    watched = [home, *actors, CalendarPage.objects.filter(locale=home.locale).first(),
               DirectoryPage.objects.filter(locale=home.locale).first()]
    urls = [page.get_url() for page in watched if page is not None]
    for page in (home, news[0], content):
        arabic = Page.objects.filter(translation_key=page.translation_key, locale__language_code="ar").first()
        if arabic is not None:
            urls.append(arabic.get_url())
    return [page.pk for page in actors], [index.pk for index in indexes], sorted({url for url in urls if url})


def perform(action, actors, indexes, step):
    kind, which, *extra = action
    if kind == "menu":
        menu = MainMenu.objects.filter(locale__language_code="de").first()
        links = menu.links.get_prep_value()
        if links:
            links[which % len(links)]["value"]["label"] = f"Beispiel-Menüpunkt {step}"
            menu.links = links
            menu.save()
        return
    if kind == "footer":
        footer = Footer.objects.filter(locale__language_code="de" if which == 0 else "ar").first()
        if footer is not None:
            footer.text = f"<p>Beispiel-Fußzeile {step}</p>"
            footer.save()
        return
    page = Page.objects.filter(pk=actors[which % len(actors)]).first()
    if page is None:
        return
    page = page.specific
    if kind == "draft":
        page.title = f"Beispiel-Entwurf {step}"
        page.save_revision()
    elif kind == "publish":
        if extra[0]:
            page.title = f"Beispiel-Titel {step}"
        page.save_revision().publish()
    elif kind == "unpublish":
        if page.live:
            page.unpublish()
    elif kind == "move":
        target = Page.objects.filter(pk=indexes[extra[0]]).first()
        if (isinstance(page, NewsPage) and target is not None and page.get_parent().pk != target.pk
                and not target.get_children().filter(slug=page.slug).exists()):
            page.move(target, pos="last-child")
    elif kind == "delete":
        page.delete()
    elif kind == "translate":
        arabic = Page.objects.filter(translation_key=page.translation_key, locale__language_code="ar").first()
        if arabic is not None:
            arabic = arabic.specific
            if arabic.alias_of_id:
                from wagtail.actions.convert_alias import ConvertAliasPageAction

                ConvertAliasPageAction(arabic).execute()
                arabic = Page.objects.get(pk=arabic.pk).specific
            arabic.title = f"عنوان تجريبي {step}"
            arabic.save_revision().publish()


def compare(app, urls, when):
    cached = {url: call(app, url) for url in urls}
    with override_settings(PAGE_CACHE_SECONDS=0, FRAME_CACHE_SECONDS=0):
        fresh = {url: call(app, url) for url in urls}
    for url in urls:
        (status, headers, body), (fresh_status, fresh_headers, fresh_body) = cached[url], fresh[url]
        assert (status, headers.get("location")) == (fresh_status, fresh_headers.get("location")), f"{url} {when}"
        assert body == fresh_body, f"{url} served a stale copy {when}"


def test_cached_pages_always_equal_fresh_ones(cache_backend):
    app = PageCacheApplication(WSGIHandler())

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(actions=st.lists(ACTIONS, min_size=1, max_size=4))
    def run(actions):
        with ExitStack() as stack:
            stack.enter_context(override_settings(CACHES=cache_backend, PAGE_CACHE_SECONDS=600, FRAME_CACHE_SECONDS=600,
                                                  PAGE_CACHE_INVALIDATION="dependencies"))
            stack.enter_context(transaction.atomic())
            cache.clear()
            pushed.forget_all()  # the last example's rollback changed content without announcing it
            actors, indexes, urls = scene()
            compare(app, urls, "before any change")
            for step, action in enumerate(actions):
                perform(action, actors, indexes, step)
                compare(app, urls, f"after {actions[: step + 1]}")
            cache.clear()
            pushed.forget_all()
            transaction.set_rollback(True)

    run()
