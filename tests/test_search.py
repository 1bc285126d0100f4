"""Site search: a form on every page, one result list in the visitor's language, German fallbacks marked.

Result pages are read back with BeautifulSoup; what should be found is taken from the database.
"""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from orgdirectory.models import Organisation


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def results(document):
    found = []
    for item in document.select("ol.search-results li"):
        link = item.select_one("a")
        snippet = item.select_one("p")
        found.append(
            {
                "kind": item.select_one(".search-result__kind").get_text(" ", strip=True),
                "classes": item["class"],
                "title": link.get_text(strip=True),
                "href": link["href"],
                "lang": link.get("lang", ""),
                "marks": [mark.get_text() for mark in snippet.select("mark")] if snippet else [],
            }
        )
    return found


@pytest.mark.django_db
def test_every_page_has_a_search_form_named_q_that_works_without_javascript(client):
    for code in ("de", "ar", "ti"):
        home = Page.objects.get(depth=2, locale__language_code=code)
        group = Page.objects.filter(depth=3, locale__language_code=code, url_path__contains="ak-migration").first()
        for page in (home, group):
            document = get(client, page.url)
            form = document.select_one("header form[role=search]")
            assert form is not None and form["method"] == "get" and form["action"] == f"/{code}/suche/"
            field = form.select_one("input[name=q]")
            assert field is not None and document.select_one(f"label[for={field['id']}]") is not None
        assert get(client, home.url).select_one("main form[role=search] input[name=q]") is not None


@pytest.mark.django_db
def test_jobcenter_on_the_german_site_finds_the_entries_and_the_pages_that_mention_it(client):
    found = results(get(client, "/de/suche/", q="Jobcenter"))
    entries = [r for r in found if "search-result--organisation" in r["classes"]]
    assert [r["title"] for r in entries] == list(
        Organisation.objects.filter(locale__language_code="de", live=True, name__icontains="Jobcenter").values_list("name", flat=True)
    )
    assert entries and all(r["kind"] == "Einrichtung" and client.get(r["href"]).status_code == 200 for r in entries)
    pages = [r for r in found if "search-result--page" in r["classes"]]
    expected_pages = {
        page.title for page in Page.objects.live().filter(locale__language_code="de").specific()
        if "Jobcenter" in str(getattr(page, "members", "")) or "Jobcenter" in str(getattr(page, "body", ""))
    }
    assert expected_pages and expected_pages <= {r["title"] for r in pages}
    assert all(r["kind"] == "Seite" for r in pages)
    assert any(mark.lower() == "jobcenter" for r in found for mark in r["marks"])  # the hit is shown


@pytest.mark.django_db
def test_an_arabic_word_on_the_arabic_site_finds_the_arabic_page(client):
    page = Page.objects.live().filter(locale__language_code="ar", alias_of__isnull=True, depth=3).first()
    # Every Arabic word of its title (a single common word matches more pages than one result page holds).
    words = " ".join(re.findall(r"[\u0600-\u06ff]{4,}", page.title))
    found = results(get(client, "/ar/suche/", q=words))
    mine = [r for r in found if r["href"] == page.url]
    assert mine and mine[0]["lang"] == ""  # an Arabic page, not marked German
    assert mine[0]["kind"] == "صفحة"


@pytest.mark.django_db
def test_untranslated_pages_are_found_by_their_german_text_and_marked_german(client, untranslated_page):
    alias = Page.objects.get(translation_key=untranslated_page.translation_key, locale__language_code="ar")
    assert alias.alias_of_id == untranslated_page.pk
    document = get(client, "/ar/suche/", q="Zwiebelturmsprechstunde")
    mine = [r for r in results(document) if r["href"] == alias.url]
    assert mine and mine[0]["lang"] == "de"
    assert "بالألمانية" in mine[0]["kind"]


@pytest.mark.django_db
def test_upcoming_events_come_first_and_results_are_paginated(client):
    found = results(get(client, "/de/suche/", q="Beispiel"))
    assert len(found) == 10
    assert "search-result--event" in found[0]["classes"]
    second = get(client, "/de/suche/", q="Beispiel", seite="2")
    assert results(second) and {r["href"] for r in results(second)}.isdisjoint({r["href"] for r in found})
    assert results(get(client, "/de/suche/", q="Beispiel", seite="keine-zahl")) == found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "   ", "a", '"', '"><script>alert(1)</script>', "\x00", "%", "*:?()[]", "x" * 5000, "NOT AND OR", "Jobcenter\u202e"],
)
def test_empty_or_hostile_queries_give_a_helpful_page(client, query):
    response = client.get("/de/suche/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "Traceback" not in body
    document = BeautifulSoup(body, "html.parser")
    main = document.select_one("main").get_text(" ", strip=True)
    assert document.select_one("main form[role=search] input[name=q]") is not None
    assert ("Ergebnis" in main) or ("Geben Sie" in main) or ("mindestens zwei" in main)


@pytest.mark.django_db
def test_search_page_is_not_indexed_and_says_so_in_the_visitors_language(client):
    document = get(client, "/uk/suche/", q="zzzzqqqq")
    assert "noindex" in document.select_one('meta[name="robots"]')["content"]
    status = document.select_one("main [role=status]").get_text()
    assert "zzzzqqqq" in status and "Keine Ergebnisse" not in status


@pytest.mark.django_db
def test_results_are_never_kept_by_the_page_cache_but_the_empty_form_is(client, settings):
    """A visitor's queries stay out of the page cache's key space (the matches are kept in the frame cache)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    for _ in range(2):
        response = client.get("/de/suche/", {"q": "Beispiel"})
        assert "no-cache" in response["Cache-Control"]  # browsers and CDNs cannot know when editors change something
        assert "X-Page-Cache" not in response
    assert [client.get("/de/suche/")["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    cache.clear()


def search_index_queries(captured):
    return [query["sql"] for query in captured.captured_queries if "wagtailsearch_indexentry" in query["sql"]]


@pytest.mark.django_db
def test_a_repeated_search_is_answered_from_the_frame_cache_until_a_page_or_entry_changes(client, frame_cache, home_de, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from caching import versions
    from home.models import ContentPage
    from orgdirectory.models import Organisation

    keys = []
    store = versions.store
    monkeypatch.setattr(versions, "store", lambda key, *args: keys.append(key) or store(key, *args))
    with CaptureQueriesContext(connection) as first:
        before = results(get(client, "/de/suche/", q="Jobcenter"))
    with CaptureQueriesContext(connection) as second:
        assert results(get(client, "/de/suche/", q="Jobcenter")) == before
    assert search_index_queries(first) and not search_index_queries(second)
    # A visitor's query enters the cache only as a digest: a 5000-character query makes a key as short as any.
    get(client, "/de/suche/", q="Jobcenter " + "x" * 5000)
    assert keys and max(len(key) for key in keys) < 120

    page = ContentPage(title="Jobcenter-Sprechstunde im Testhaus", slug="jobcenter-cache-test", teaser="Neu.")
    home_de.add_child(instance=page)
    page.save_revision().publish()
    assert page.url in [r["href"] for r in results(get(client, "/de/suche/", q="Jobcenter"))]

    assert results(get(client, "/de/suche/", q="Zwiebelturm")) == []
    entry = Organisation.objects.filter(locale__language_code="de", live=True, name__icontains="Jobcenter").first()
    entry.name = "Zwiebelturm-Beratungsstelle"
    entry.save_revision().publish()
    titles = [r["title"] for r in results(get(client, "/de/suche/", q="Zwiebelturm"))]
    assert "Zwiebelturm-Beratungsstelle" in titles


@pytest.mark.parametrize(
    "text",
    [
        "Der Arbeitskreis Migration bringt auf kommunaler Ebene ihre Angebote zusammen: Beratung, Sprachkurse, "
        "Begleitung in Ausbildung und Arbeit, und das Jobcenter berät zu Leistungen und Förderung für alle, "
        "die neu im Landkreis sind und Arbeit suchen oder eine Ausbildung beginnen wollen.",
        "يجمع فريق العمل المعني بالهجرة على المستوى المحلي عروضه: الاستشارة ودورات اللغة والمرافقة في التدريب "
        "والعمل، ويقدم Jobcenter المشورة بشأن الإعانات والدعم لكل القادمين الجدد إلى المقاطعة الباحثين عن عمل.",
    ],
)
def test_an_excerpt_starts_and_ends_with_whole_words(text):
    """The excerpt around a hit used to start mid-word („… r Ebene ihre …“), in German and Arabic alike."""
    from home.public.search import snippet

    html = str(snippet(text, "Jobcenter"))
    visible = BeautifulSoup(html, "html.parser").get_text()
    assert "Jobcenter" in visible
    inner = visible.removeprefix("… ").removesuffix(" …")
    words = set(text.split())
    assert inner.split()[0] in words and inner.split()[-1] in words


def test_an_excerpt_keeps_the_space_between_paragraphs_and_blocks():
    """Excerpts glued the end of one paragraph to the next („… aus.Beispielinhalt“)."""
    from types import SimpleNamespace

    from home.public.search import _text_of

    page = SimpleNamespace(
        teaser="Kurz.",
        body='<p>Wir tauschen uns aus.</p><p>Beispiel<b>inhalt</b> mit <a href="/de/">Link</a>.<br>Neu</p><h2>Titel</h2>',
    )
    assert _text_of(page, ["teaser", "body"]) == "Kurz. Wir tauschen uns aus. Beispielinhalt mit Link. Neu Titel"
