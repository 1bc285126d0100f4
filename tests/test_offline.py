"""Offline reading (issue 21, README "Offline lesen"): the service worker file, the manifest per language and
the offline page, as the browser receives them. The browser's side is in tests/browser/test_offline.py."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from caching import pages


def test_service_worker_is_served_from_the_root_never_cached_and_allowed_scope_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert 'const PAGES = "akm-pages-v1"' in body and 'const STATIC = "akm-static-v1"' in body
    assert 'const LANGUAGES = ["de", "en", "ar"' in body
    assert "/admin/" in body and "X-Offline-Saved-At" in body
    # The page cache never keeps it: a stored copy would keep an old worker alive after a deploy.
    assert not pages.environ_is_cacheable({"REQUEST_METHOD": "GET", "PATH_INFO": "/sw.js"}, {})


@override_settings(OFFLINE_ENABLED=False)
@pytest.mark.django_db
def test_switched_off_the_worker_removes_itself_and_pages_no_longer_register_it(client):
    body = client.get("/sw.js").content.decode()
    assert "unregister()" in body and "caches.delete" in body and "akm-pages-v1" not in body
    html = client.get("/de/").content.decode()
    assert "offline.js" not in html and 'rel="manifest"' not in html


@pytest.mark.django_db
def test_pages_link_their_languages_manifest_and_the_deferred_script(client):
    soup = BeautifulSoup(client.get("/ar/").content, "html.parser")
    assert soup.find("link", rel="manifest")["href"] == "/ar/manifest.webmanifest"
    assert soup.find("meta", attrs={"name": "theme-color"})["content"] == "#073763"
    script = soup.find("script", src=lambda src: src and "offline" in src)
    assert script.has_attr("defer") and not soup.find("script", src=False)  # no inline script
    assert "{date}" in soup.find("template", id="offline-notice").decode_contents()


@pytest.mark.parametrize(
    ("language", "name", "direction"),
    [("de", "AK Migration Hochrhein", "ltr"), ("ar", "مجموعة عمل الهجرة هوخراين (Hochrhein)", "rtl"),
     ("ti", "AK Migration Hochrhein", "ltr"), ("fa", "کارگروه مهاجرت هوخراین (Hochrhein)", "rtl"),
     ("en", "Migration Working Groups Hochrhein", "ltr")],
)
@pytest.mark.django_db
def test_manifest_per_language_opens_the_app_in_that_language(client, language, name, direction):
    response = client.get(f"/{language}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == name and manifest["short_name"]
    assert manifest["lang"] == language and manifest["dir"] == direction
    assert manifest["start_url"] == manifest["scope"] == f"/{language}/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#073763" and manifest["background_color"] == "#ffffff"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")}


@pytest.mark.parametrize(
    ("language", "heading", "direction"),
    [("de", "Keine Verbindung", "ltr"), ("ar", "لا يوجد اتصال", "rtl"), ("ti", "ምትእስሳር የለን", "ltr")],
)
@pytest.mark.django_db
def test_offline_page_in_the_visitors_language(client, language, heading, direction):
    response = client.get(f"/{language}/offline/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language and soup.html["dir"] == direction
    assert soup.h1.get_text(strip=True) == heading
    assert soup.find("ul", id="offline-pages")["data-language"] == language
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")


@pytest.mark.parametrize(
    "path", ["/xx/manifest.webmanifest", "/xx/offline/", "/de/manifest.webmanifest/%00", "/de/offline/<script>/",
             "/sw.js/x"],
)
@pytest.mark.django_db
def test_unknown_language_or_garbage_is_a_404_not_a_500(client, path):
    assert client.get(path, follow=True).status_code == 404  # /xx/… is first redirected to /de/xx/…
