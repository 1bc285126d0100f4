"""The WSGI layer in front of Django (caching.wsgi, cms/wsgi.py): cached pages without entering Django,
with the page cache's rules: anonymous visitors only, nothing that sets a cookie stored, 304 for a copy
the client already has, and no https addresses stored for plain-http visitors."""

import threading
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from caching.wsgi import PageCacheApplication, static_files
from home.models import HomePage
from tests.cache_helpers import call, header, keep_test_connection  # noqa: F401 (fixture)
from tests.conftest import page_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_test_connection")]


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAME_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


class Counting:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.django = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.django(environ, start_response)


@pytest.fixture
def django_app():
    return Counting()


@pytest.fixture
def app(django_app):
    return PageCacheApplication(django_app)


def test_a_hit_never_enters_django(app, django_app, home_de):
    status, headers, first = call(app, home_de.url)
    assert status == 200 and header(headers, "X-Page-Cache") == "miss"
    status, headers, second = call(app, home_de.url)
    assert status == 200 and header(headers, "X-Page-Cache") == "hit"
    assert django_app.calls == 1
    assert second == first
    assert header(headers, "X-Frame-Options") == "DENY" and header(headers, "Content-Type").startswith("text/html")
    assert int(header(headers, "Content-Length")) == len(second)


def test_editors_never_get_a_cached_page(app, django_app, client, home_de, django_user_model):
    call(app, home_de.url)
    assert header(call(app, home_de.url)[1], "X-Page-Cache") == "hit"
    editor = django_user_model.objects.create_user("redakteurin", password="Lange-Passwort-2031")
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    before = django_app.calls
    status, headers, _ = call(app, home_de.url, HTTP_COOKIE=f"sessionid={session}")
    assert status == 200
    assert header(headers, "X-Page-Cache") is None
    assert django_app.calls == before + 1
    # Nor does an editor's visit put a page into the cache for others.
    cache.clear()
    call(app, home_de.url, HTTP_COOKIE=f"sessionid={session}")
    assert header(call(app, home_de.url)[1], "X-Page-Cache") == "miss"


def test_a_response_that_sets_a_cookie_is_never_stored(app, django_app, home_de):
    original = HomePage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response.set_cookie("besuch", "1")
        return response

    with mock.patch.object(HomePage, "serve", serve_with_cookie):
        for _ in range(2):
            status, headers, _ = call(app, home_de.url)
            assert status == 200 and header(headers, "X-Page-Cache") is None
            assert any(value.strip().startswith("besuch=") for value in headers["set-cookie"])
    assert django_app.calls == 2
    assert header(call(app, home_de.url)[1], "X-Page-Cache") == "miss"


def test_post_and_signed_requests_bypass_the_cache(app, django_app, home_de):
    call(app, home_de.url)
    call(app, home_de.url, HTTP_AUTHORIZATION="Basic eDp5")
    call(app, home_de.url, method="post")
    assert django_app.calls == 3


def test_a_client_with_the_current_copy_gets_not_modified(app, django_app, home_de):
    _, headers, body = call(app, home_de.url)
    etag = header(headers, "ETag")
    assert etag and body
    status, headers, body = call(app, home_de.url, HTTP_IF_NONE_MATCH=etag)
    assert status == 304 and body == b"" and header(headers, "ETag") == etag
    status, _, body = call(app, home_de.url, HTTP_IF_NONE_MATCH='"eine-andere-fassung"')
    assert status == 200 and b"</html>" in body
    status, headers, body = call(app, home_de.url, method="head")
    assert status == 200 and body == b"" and header(headers, "X-Page-Cache") == "hit"
    assert django_app.calls == 1


def test_compressed_and_plain_copies_are_kept_apart(app, home_de):
    import gzip

    call(app, home_de.url, HTTP_ACCEPT_ENCODING="gzip")
    _, headers, packed = call(app, home_de.url, HTTP_ACCEPT_ENCODING="gzip")
    assert header(headers, "X-Page-Cache") == "hit" and header(headers, "Content-Encoding") == "gzip"
    call(app, home_de.url)
    _, headers, plain = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "hit" and header(headers, "Content-Encoding") is None
    assert gzip.decompress(packed) == plain


def test_the_visitors_language_is_remembered_on_a_hit(app, home_de):
    arabic = page_in(home_de, "ar")
    call(app, arabic.url)
    _, headers, _ = call(app, arabic.url)
    assert header(headers, "X-Page-Cache") == "hit"
    assert any(value.strip().startswith("django_language=ar") for value in headers.get("set-cookie", []))
    _, headers, _ = call(app, arabic.url, HTTP_COOKIE="django_language=ar")
    assert header(headers, "X-Page-Cache") == "hit" and "set-cookie" not in headers


def test_an_https_request_behind_the_proxy_stores_no_https_addresses_for_http_visitors(app, home_de, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    _, _, secure = call(app, home_de.url, HTTP_X_FORWARDED_PROTO="https")
    assert b'hreflang="x-default" href="https://' in secure or b"https://testserver" in secure
    _, headers, plain = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "miss"
    assert b"https://testserver" not in plain
    _, headers, again = call(app, home_de.url, HTTP_X_FORWARDED_PROTO="https")
    assert header(headers, "X-Page-Cache") == "hit" and again == secure


def test_static_files_are_served_before_django(tmp_path, settings, django_app):
    settings.WHITENOISE_USE_FINDERS = False
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "site.0123456789ab.css").write_text("body{color:#000}")
    app = static_files(PageCacheApplication(django_app))
    status, headers, body = call(app, "/static/site.0123456789ab.css")
    assert status == 200 and body == b"body{color:#000}"
    assert "immutable" in header(headers, "Cache-Control")
    assert header(headers, "X-Content-Type-Options") == "nosniff"
    assert django_app.calls == 0


def test_a_copy_kept_by_the_process_is_not_served_after_a_change_elsewhere(app, django_app, home_de):
    """The process keeps the pages it served and asks the cache only for their versions: a publish
    through another process (here: the versions incremented directly) reaches it at once."""
    from caching import versions

    call(app, home_de.url)
    _, headers, first = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "hit" and app.copies
    with mock.patch("django.core.cache.cache.get_many", wraps=cache.get_many) as reads:
        _, headers, again = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "hit" and again == first
    assert reads.call_count == 1 and not any(key.startswith("page-cache:gzip") or ":identity:" in key
                                             for key in reads.call_args.args[0])  # versions only, not the page
    versions._bump(versions.page_scopes(home_de.url))
    _, headers, _ = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "miss"
    assert django_app.calls == 2


def test_a_kept_copy_lasts_no_longer_than_the_stored_one(app, django_app, home_de):
    call(app, home_de.url)
    call(app, home_de.url)
    for copy in app.copies.values():
        copy.expires = 0  # as if its PAGE_CACHE_SECONDS (or the page's shorter lifetime) had passed
    cache.clear()  # and the cache had dropped it
    _, headers, _ = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "miss" and django_app.calls == 2


@contextmanager
def slow_home_page():
    """The home page renders only once ``release`` is set; ``started`` says a rendering began."""
    started, release = threading.Event(), threading.Event()
    original = HomePage.serve

    def slow_serve(self, request, *args, **kwargs):
        started.set()
        release.wait(10)
        return original(self, request, *args, **kwargs)

    with mock.patch.object(HomePage, "serve", slow_serve):
        yield started, release


def test_visitors_asking_for_a_page_being_rendered_wait_for_that_rendering(django_app, home_de):
    """After a publish, several visitors ask for the same stale page: it is rendered once per process."""
    app = PageCacheApplication(django_app)
    results = []
    with slow_home_page() as (started, release):
        first = threading.Thread(target=lambda: results.append(call(app, home_de.url)))
        first.start()
        assert started.wait(10)
        second = threading.Thread(target=lambda: results.append(call(app, home_de.url)))
        second.start()
        second.join(0.3)
        assert second.is_alive()  # waiting, not rendering a second time
        release.set()
        first.join(10)
        second.join(10)
    assert sorted(header(headers, "X-Page-Cache") for _, headers, _ in results) == ["hit", "miss"]
    assert results[0][2] == results[1][2]
    assert django_app.calls == 1


def _stale_then_rendering(app, home_de):
    """A kept copy of the German home page, made stale as by a publish; the page's title changed."""
    from caching import versions

    call(app, home_de.url)
    _, headers, before = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "hit"
    HomePage.objects.filter(pk=home_de.pk).update(title="Neuer Titel der Startseite")
    versions._bump(versions.page_scopes(home_de.url))
    return before


def _cache_key(url):
    from caching import pages

    return pages.cache_key(RequestFactory().get(url).environ)


def test_while_a_stale_page_is_rendered_again_other_visitors_get_the_copy_from_before(django_app, home_de):
    """After a publish, one visitor's request renders the page again; the others meanwhile get the
    copy from before the publish at once (instead of waiting or rendering it too), and afterwards
    everybody gets the new page: no stale copy is given out when no rendering is under way."""
    app = PageCacheApplication(django_app)
    before = _stale_then_rendering(app, home_de)
    results = []
    with slow_home_page() as (started, release):
        rendering = threading.Thread(target=lambda: results.append(call(app, home_de.url)))
        rendering.start()
        assert started.wait(10)
        status, headers, during = call(app, home_de.url)  # answered while the other request renders
        release.set()
        rendering.join(10)
    assert status == 200 and header(headers, "X-Page-Cache") == "stale" and during == before
    (_, headers, rendered), = results
    assert header(headers, "X-Page-Cache") == "miss"  # (its thread's connection cannot see the test's new title)
    _, headers, after = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "hit" and after == rendered
    assert django_app.calls == 2


def test_a_stale_page_another_process_renders_is_not_rendered_here_too(app, django_app, home_de):
    from caching.wsgi import CLAIM_PREFIX

    before = _stale_then_rendering(app, home_de)
    key = _cache_key(home_de.url)
    cache.add(CLAIM_PREFIX + key, 1, timeout=5)  # the other process's claim
    _, headers, during = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "stale" and during == before and django_app.calls == 1
    cache.delete(CLAIM_PREFIX + key)  # that process stored nothing (say the page now sets a cookie)
    _, headers, after = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "miss" and b"Neuer Titel der Startseite" in after
    assert django_app.calls == 2


def test_an_expired_copy_is_never_given_out_as_stale(app, django_app, home_de):
    from caching.wsgi import CLAIM_PREFIX

    _stale_then_rendering(app, home_de)
    for copy in app.copies.values():
        copy.expires = 0
    key = _cache_key(home_de.url)
    cache.add(CLAIM_PREFIX + key, 1, timeout=5)
    _, headers, body = call(app, home_de.url)
    assert header(headers, "X-Page-Cache") == "miss" and b"Neuer Titel der Startseite" in body
