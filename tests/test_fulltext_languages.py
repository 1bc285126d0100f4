"""PostgreSQL full text reads each language with its own configuration (``translations.fulltext``).

What a page should be found by is decided by PostgreSQL's own stemmers (``to_tsvector``/``to_tsquery``
on the server), not by this project: a word counts as "the same" when PostgreSQL's dictionary for the
page's language says so. SQLite's FTS5 has no stemmers; these tests run on PostgreSQL only.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Page

from translations.fulltext import POSTGRES_CONFIGS, site_configs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("Sprachabhängige Volltextsuche gibt es nur mit PostgreSQL (SQLite: FTS5 ohne Stammformen).")


def publish_page(language_code, title, teaser, slug):
    from home.models import ContentPage

    home = Page.objects.get(depth=2, locale__language_code=language_code)
    page = ContentPage(title=title, slug=slug, teaser=teaser)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def found_urls(client, language_code, query):
    response = client.get(f"/{language_code}/suche/", {"q": query})
    assert response.status_code == 200
    return [link["href"] for link in BeautifulSoup(response.content, "html.parser").select("ol.search-results li a")]


def server(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def stored_lexemes(page):
    """The lexemes in the page's search index entry, as PostgreSQL lists them."""
    return set(
        server(
            "SELECT array_agg(lexeme) FROM wagtailsearch_indexentry, unnest(body || title) "
            "WHERE object_id = %s AND content_type_id = %s",
            str(page.pk),
            page.content_type_id,
        )
    )


def lexemes(config, text):
    return set(server("SELECT array_agg(lexeme) FROM unnest(to_tsvector(%s::regconfig, %s))", config, text))


def test_every_configuration_the_site_uses_exists_on_the_server():
    names = {row[0] for row in _rows("SELECT cfgname FROM pg_ts_config")}
    assert set(site_configs()) <= names
    assert site_configs()[0] == "german" and "simple" in site_configs()


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.mark.parametrize(
    ("code", "text", "other_form"),
    [
        ("de", "Wir beraten Familien bei Anträgen zur Zwiebelkuchenförderung", "Antrag Familie"),
        ("ru", "Консультации для беженцев по вопросам жилья", "консультация беженцы"),
        ("tr", "Göçmenler için danışmanlık hizmetleri", "hizmet"),
        ("fr", "Nous conseillons les familles réfugiées", "famille réfugiée"),
    ],
)
def test_a_page_is_found_by_another_form_of_its_words_in_its_own_language(client, code, text, other_form):
    config = POSTGRES_CONFIGS[code]
    # The server's own dictionary agrees that the query's words are forms of the text's words ...
    assert lexemes(config, other_form) <= lexemes(config, text)
    # ... and a word-for-word reading would not find them: the stemmer is what finds the page.
    assert not lexemes("simple", other_form) <= lexemes("simple", text)
    page = publish_page(code, f"Testseite {code}", text, f"volltext-{code}")
    assert stored_lexemes(page) >= lexemes(config, text)
    assert page.url in found_urls(client, code, other_form)


def test_languages_without_a_postgresql_dictionary_are_indexed_word_for_word(client):
    text = "مشاوره برای پناهجویان و خانواده‌ها"
    page = publish_page("fa", "صفحه آزمایشی", text, "volltext-fa")
    assert stored_lexemes(page) >= lexemes("simple", text)
    # "و" (and) is kept: no German or English stop word list removes words of a Persian text.
    assert "و" in stored_lexemes(page)
    assert page.url in found_urls(client, "fa", "پناهجویان")


def test_a_german_page_nobody_has_translated_is_read_as_german_on_the_arabic_site(client, untranslated_page):
    alias = Page.objects.get(translation_key=untranslated_page.translation_key, locale__language_code="ar")
    assert alias.alias_of_id == untranslated_page.pk
    assert stored_lexemes(alias) >= lexemes("german", untranslated_page.teaser)
    # The plural is found through the German stemmer although the page is on the Arabic site.
    assert alias.url in found_urls(client, "ar", "Zwiebelturmsprechstunden")


def test_a_search_over_all_languages_finds_each_page_by_its_own_languages_forms():
    """A search that does not know the language (an API client's, a plugin's) reads the query in every
    configuration: the Russian page by a Russian inflection, the German page by a German one."""
    russian = publish_page("ru", "Жильё для беженцев", "Консультации по вопросам жилья", "volltext-alle-ru")
    german = publish_page("de", "Wohnen", "Wir beraten Familien bei Anträgen", "volltext-alle-de")
    assert russian.pk in [page.pk for page in Page.objects.live().search("консультация")]
    assert german.pk in [page.pk for page in Page.objects.live().search("Antrag")]
