"""The multilingual site: tree from the seed, language prefixes, switcher, fallback notice."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Revision

from demo.loader import load_demo_content
from demo.seed import SEED_FILE, WALDSHUT_LABEL, split_members, split_sentences
from home.models import ContentPage, Footer, HomePage, MainMenu, NewsPage, WorkingGroupPage
from tests.conftest import page_in
from translations.languages import LANGUAGE_CODES, RTL_LANGUAGES
from translations.store import translate

pytestmark = pytest.mark.django_db

SHARED_SEED = SEED_FILE.parents[3] / "shared" / "seed" / "000_c4a1c44b8f4cfff9.txt"


def seed_paragraphs():
    return [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_project_copy_of_seed_is_verbatim():
    if not SHARED_SEED.exists():
        pytest.skip("shared/seed is not beside this checkout")
    assert SEED_FILE.read_bytes() == SHARED_SEED.read_bytes()


def test_every_seed_sentence_is_on_a_working_group_page(client, working_groups_de):
    pages_text = " ".join(visible_text(client.get(page.url)) for page in working_groups_de.values())
    for paragraph in seed_paragraphs():
        if paragraph.count(",") > 10:  # the member lists, checked below
            continue
        for sentence in split_sentences(paragraph.removeprefix(WALDSHUT_LABEL)):
            assert sentence in pages_text


def test_member_lists_equal_the_seed(client, working_groups_de):
    paragraphs = seed_paragraphs()
    loerrach, waldshut = split_members(paragraphs[3]), split_members(paragraphs[6])
    assert len(loerrach) == 17 and len(waldshut) == 14
    assert working_groups_de["ak-migration-loerrach"].member_names == loerrach
    assert working_groups_de["ak-migration-waldshut"].member_names == waldshut
    response = client.get(working_groups_de["ak-migration-waldshut"].url)
    listed = re.findall(r'<ul class="member-list">(.*?)</ul>', response.content.decode(), re.S)[0]
    # Members come from the organisation directory and link to their entries there.
    assert [unescape(m) for m in re.findall(r'<li><a href="[^"]+">(.*?)</a></li>', listed)] == waldshut


def test_working_groups_show_when_they_were_founded(client, working_groups_de):
    founded = {slug: page.founded for slug, page in working_groups_de.items()}
    assert founded == {
        "ak-migration-loerrach": "Anfang 2005",
        "ak-migration-waldshut": "vor fast 20 Jahren",
        "projektgruppe-arbeitsmarktliche-integration": "Dezember 2013",
    }
    assert "Dezember 2013" in visible_text(client.get(working_groups_de["projektgruppe-arbeitsmarktliche-integration"].url))


def test_home_links_to_the_three_sections(client, home_de, working_groups_de):
    html = client.get("/de/").content.decode()
    for page in working_groups_de.values():
        assert f'href="{page.url}"' in html


def test_example_content_is_marked(german):
    for page in list(NewsPage.objects.filter(locale=german)) + list(ContentPage.objects.filter(locale=german)):
        assert "Beispiel" in page.title


def _table_snapshot():
    snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith(("django_session", "wagtailsearch", "django_admin_log")):
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            snapshot[table] = cursor.fetchone()[0]
    snapshot["pages"] = sorted(Page.objects.values_list("id", "title", "url_path", "latest_revision_id", "live"))
    snapshot["revisions"] = Revision.objects.count()
    return snapshot


def test_loading_the_demo_content_twice_changes_nothing():
    before = _table_snapshot()
    load_demo_content()
    assert _table_snapshot() == before


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_answers_in_every_language(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    direction = "rtl" if code in RTL_LANGUAGES else "ltr"
    assert html_tag(response) == f'<html lang="{code}" dir="{direction}">'


def test_languages_django_lacks_are_registered():
    from django.utils.translation import get_language_info

    assert get_language_info("ps")["bidi"] is True
    assert get_language_info("ps")["name_local"] == "پښتو"
    assert get_language_info("ti")["name_local"] == "ትግርኛ"
    assert get_language_info("so")["name_local"] == "Soomaali"
    assert get_language_info("ku")["name_local"] == "Kurdî (Kurmancî)"


def test_switcher_names_every_language_in_its_own_script(client):
    html = client.get("/de/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    for name in ["العربية", "Українська", "Türkçe", "فارسی", "پښتو", "ትግርኛ", "Kurdî (Kurmancî)",
                 "Русский", "Soomaali", "Français", "Română", "English", "Deutsch"]:
        assert f">{name}</a>" in switcher


@pytest.mark.parametrize(
    ("accept", "target"),
    [("ar", "/ar/"), ("ar-SY,ar;q=0.9", "/ar/"), ("ti-ER", "/ti/"), ("ps", "/ps/"), ("zh-CN", "/de/"), ("", "/de/")],
)
def test_root_redirects_to_the_visitors_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.fixture
def new_german_page(working_groups_de):
    """A page an editor just created in German: every other language gets an alias of it."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    group = working_groups_de["ak-migration-waldshut"]
    page = ContentPage(title="Neue Seite über Sprachkurse", slug="sprachkurse", teaser="Noch nicht übersetzt.")
    group.add_child(instance=page)
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    return page


def test_untranslated_page_shows_german_with_notice_in_visitors_language(client, new_german_page):
    arabic = page_in(new_german_page, "ar")
    assert arabic.alias_of_id == new_german_page.pk
    response = client.get(arabic.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    notice = re.search(r'<p class="notice notice--untranslated".*?</p>', html, re.S).group(0)
    assert "Diese Seite ist noch nicht" not in notice  # the notice is in Arabic
    assert f'<h1 lang="de" dir="ltr">{new_german_page.title}</h1>' in html
    assert '<p class="lead" lang="de" dir="ltr">Noch nicht übersetzt.</p>' in html


def test_switcher_leads_to_translations_and_to_fallbacks(client, working_groups_de, new_german_page):
    group = working_groups_de["ak-migration-loerrach"]
    english = page_in(group, "en")
    assert english.alias_of_id is None
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', client.get(group.url).content.decode(), re.S).group(0)
    assert f'<a href="{english.url}" hreflang="en"' in switcher
    english_html = client.get(english.url).content.decode()
    assert english.title in english_html and "notice--untranslated" not in english_html

    # On an untranslated page the switcher leads to the fallback, which carries the notice.
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', client.get(new_german_page.url).content.decode(), re.S).group(0)
    turkish = page_in(new_german_page, "tr")
    assert f'<a href="{turkish.url}" hreflang="tr"' in switcher
    assert "notice--untranslated" in client.get(turkish.url).content.decode()


def test_translating_a_page_through_wagtail_localize_replaces_the_fallback(client, new_german_page):
    english = Locale.objects.get(language_code="en")
    translated = translate(new_german_page, english, {new_german_page.title: "New page about language courses"})
    assert translated.alias_of_id is None
    html = client.get(translated.url).content.decode()
    assert "New page about language courses" in html and "notice--untranslated" not in html


def test_hreflang_lists_only_real_translations(client, working_groups_de, new_german_page):
    html = client.get(new_german_page.url).content.decode()
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html) == ["de", "x-default"]
    html = client.get(working_groups_de["ak-migration-waldshut"].url).content.decode()
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html) == LANGUAGE_CODES + ["x-default"]


def test_every_locale_tree_mirrors_the_german_tree(german):
    german_count = Page.objects.filter(locale=german, depth__gt=1).count()
    for code in LANGUAGE_CODES:
        assert Page.objects.filter(locale__language_code=code, depth__gt=1).count() == german_count


def test_menu_and_footer_come_from_translatable_snippets(client):
    assert MainMenu.objects.filter(locale__language_code="de").count() == 1
    assert Footer.objects.filter(locale__language_code="de").count() == 1
    html = client.get("/fa/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert "/fa/ak-migration-loerrach/" in nav


def test_every_page_of_the_demo_answers_in_german_and_arabic(client):
    for page in Page.objects.filter(depth__gt=1, locale__language_code__in=["de", "ar"]).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_home_page_query_count_is_bounded(client):
    client.get("/de/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de/").status_code == 200
    # The service tiles share the footer's query (home/templatetags/site_tags.py: _top_level_pages); the glossary
    # links read the termbase once (terminology/glossary.py; no query with the frame cache, tests/test_query_counts.py).
    assert len(queries) <= 16


def test_site_root_is_the_home_page():
    from wagtail.models import Site

    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
    assert WorkingGroupPage.objects.filter(locale__language_code="de").count() == 3
