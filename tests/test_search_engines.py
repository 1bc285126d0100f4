"""sitemap.xml, robots.txt, canonical links: read back with the standard library's XML parser and BeautifulSoup."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Page

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link[@rel='alternate']", NS)
        }
        for url in root.findall("s:url", NS)
    }


@pytest.mark.django_db
def test_sitemap_lists_every_real_page_in_every_language_with_hreflang_alternates(client, untranslated_page):
    entries = sitemap_entries(client)
    real = Page.objects.live().public().filter(depth__gte=2, alias_of__isnull=True).specific()
    expected = {page.get_full_url() for page in real}
    contact_pages = {page.get_full_url() + "kontakt/" for page in real if type(page).__name__ == "WorkingGroupPage"}
    assert contact_pages and set(entries) == expected | contact_pages
    languages = {page.locale.language_code for page in real}
    assert len(languages) == len(settings.LANGUAGES)  # translated pages of every language are listed

    aliases = Page.objects.live().filter(alias_of__isnull=False)
    assert aliases.exists() and not {page.get_full_url() for page in aliases} & set(entries)

    for url in contact_pages:
        assert all(location.endswith("/kontakt/") for location in entries[url].values())
    for page in real:
        alternates = entries[page.get_full_url()]
        translations = Page.objects.live().filter(translation_key=page.translation_key, alias_of__isnull=True)
        assert {version.locale.language_code for version in translations} == set(alternates) - {"x-default"}
        german = translations.filter(locale__language_code="de").first()
        if german is not None:
            assert alternates["x-default"] == alternates["de"] == german.get_full_url()


@pytest.mark.django_db
def test_robots_txt_keeps_the_admin_out_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    sitemap = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemap == ["http://testserver/sitemap.xml"]
    assert client.get("/sitemap.xml").status_code == 200


def head_links(client, url):
    document = BeautifulSoup(client.get(url).content, "html.parser")
    canonical = document.select_one('link[rel="canonical"]')
    robots = document.select_one('meta[name="robots"]')
    return (canonical["href"] if canonical else None), (robots["content"] if robots else "")


@pytest.mark.django_db
def test_translated_pages_are_their_own_canonical_and_german_fallbacks_are_not_indexed(client, untranslated_page):
    translated = Page.objects.live().filter(locale__language_code="ar", alias_of__isnull=True, depth__gt=2).first()
    canonical, robots = head_links(client, translated.url)
    assert canonical == translated.get_full_url() and "noindex" not in robots

    fallback = Page.objects.get(translation_key=untranslated_page.translation_key, locale__language_code="ar")
    german = untranslated_page
    canonical, robots = head_links(client, fallback.url)
    assert canonical == german.get_full_url()
    assert "noindex" in robots
