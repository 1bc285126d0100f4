"""The glossary for visitors and the links from a term's first occurrence, in all 13 languages.

Expected texts come from the seed file (terminology/data/terms.json), whatever entries it has: the
tests never name a translation themselves.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from editorial.setup import NETWORK_ADMINS, TRANSLATORS
from home.models import HomePage
from terminology.glossary import initial, sort_key
from terminology.models import Term
from terminology.seed import entries
from translations.languages import LANGUAGE_CODES, RTL_LANGUAGES

pytestmark = pytest.mark.django_db

SEED = entries()
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def text_of(entry, code):
    """The seed's text of ``entry`` in ``code``, else the German (the glossary falls back to it)."""
    return entry.get(code) or entry[settings.LANGUAGE_CODE]


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def term_links(soup, code, key=None):
    links = soup.select(f'a.term-link[href^="/{code}/glossar/#"]')
    return [link for link in links if key is None or link["href"] == f"/{code}/glossar/#{key}"]


def contained_in_another_form(form, key, code):
    """A form that is part of (or the same as) another entry's form may be taken by that entry's link."""
    return any(
        form in other
        for entry in SEED
        if entry["key"] != key
        for other in text_of(entry, code)["forms"]
    )


def test_seed_file_has_every_language_for_the_agreed_keys():
    keys = {entry["key"] for entry in SEED}
    assert {"jobcenter", "auslaenderbehoerde", "landkreis", "integrationskurs"} <= keys
    for entry in SEED:
        for code in LANGUAGE_CODES:
            text = entry[code]
            assert text["term"].strip() and text["explanation"].strip() and text["forms"], (entry["key"], code)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_seed_term_exists_in_every_language_as_one_translatable_object(code):
    german = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for entry in SEED:
        source = Term.objects.get(key=entry["key"], locale=german)
        term = Term.objects.get(key=entry["key"], locale__language_code=code)
        assert term.translation_key == source.translation_key
        assert term.term == entry[code]["term"]
        assert term.explanation == entry[code]["explanation"]
        assert term.form_list() == entry[code]["forms"]


def test_wagtail_localize_translates_term_explanation_and_forms_and_keeps_the_key():
    german = Term.objects.get(key=SEED[0]["key"], locale__language_code=settings.LANGUAGE_CODE)
    source, _created = TranslationSource.get_or_create_from_instance(german)
    segments = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert german.term in segments
    assert german.explanation in segments
    assert german.key not in segments  # synchronised: the anchor stays the same in every language


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_glossary_lists_every_term_in_the_visitors_language(client, code):
    response = client.get(f"/{code}/glossar/")
    assert response.status_code == 200
    soup = soup_of(response)
    html = soup.find("html")
    assert html["lang"] == code
    assert html["dir"] == ("rtl" if code in RTL_LANGUAGES else "ltr")
    shown = []
    for entry in SEED:
        text = text_of(entry, code)
        title = soup.find("dt", id=entry["key"])
        assert title is not None and title.get_text(strip=True) == text["term"]
        description = title.find_next_sibling("dd")
        assert text["explanation"] in description.get_text()
        if code != settings.LANGUAGE_CODE:
            german = description.find("span", lang="de")
            assert german is not None and german.get_text() == entry["de"]["term"]
        shown.append(text["term"])
    order = [title.get_text(strip=True) for title in soup.select("dl.glossary dt")]
    assert order == sorted(order, key=lambda term: sort_key(term, code))
    assert set(shown) <= set(order)


def test_letters_follow_the_languages_dictionaries():
    assert initial("المقاطعة", "ar") == "م"  # Arabic: the article al- does not count
    assert initial("ቤት ጽሕፈት", "ti") == initial("በዓል", "ti") == "በ"  # Ethiopic: under the consonant's first order
    assert initial("Ärztekammer", "de") == "A" and sort_key("Ärzte") < sort_key("Bank") < sort_key("Öl")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_page_links_to_the_glossary_in_its_language(client, code):
    soup = soup_of(client.get(f"/{code}/"))
    assert soup.select_one(f'footer a[href="/{code}/glossar/"]') is not None


def intro_with_every_term(code):
    """A heading and an existing link with each term first, then the term three times in plain text."""
    parts = []
    for entry in SEED:
        form = text_of(entry, code)["forms"][0]
        parts.append(f'<h2>{form}</h2><p><a href="/{code}/">{form}</a> – {form} – <b>{form}</b> – {form}</p>')
    return "".join(parts)


def publish_intro(code, intro):
    home = HomePage.objects.get(locale__language_code=code)
    assert home.alias_of_id is None, "the demo's home pages are real translations"
    home.intro = intro
    home.save_revision().publish()
    return home


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_first_occurrence_of_each_term_links_once_and_never_in_headings_or_links(client, code):
    publish_intro(code, intro_with_every_term(code))
    soup = soup_of(client.get(f"/{code}/"))
    for entry in SEED:
        text = text_of(entry, code)
        links = term_links(soup, code, entry["key"])
        if contained_in_another_form(text["forms"][0], entry["key"], code):
            assert len(links) <= 1
            continue
        assert len(links) == 1, entry["key"]
        link = links[0]
        assert link.get_text() == text["forms"][0]
        assert link["title"] == text["explanation"]
        assert link.find_parent("p") is not None
    for link in term_links(soup, code):
        assert not any(parent.name in HEADINGS | {"a", "button", "code", "summary"} for parent in link.parents)
    assert not [heading for heading in soup.find_all(HEADINGS) if heading.select("a.term-link")]


def test_untranslated_page_links_the_german_terms_to_the_visitors_glossary(client, untranslated_page):
    from home.models import ContentPage

    entry = SEED[0]
    untranslated_page.teaser = f"Bitte zuerst zum {entry['de']['forms'][0]} gehen."
    untranslated_page.save_revision().publish()
    alias = ContentPage.objects.get(alias_of=untranslated_page, locale__language_code="ar")
    soup = soup_of(client.get(alias.url))
    links = term_links(soup, "ar", entry["key"])
    assert len(links) == 1 and links[0].get_text() == entry["de"]["forms"][0]


def test_glossary_itself_has_no_term_links(client):
    assert term_links(soup_of(client.get("/de/glossar/")), "de") == []


@pytest.fixture
def page_and_frame_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.FRAME_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("code", ["ar", settings.LANGUAGE_CODE])
def test_a_changed_term_shows_at_once_on_cached_pages(client, page_and_frame_cache, code, django_capture_on_commit_callbacks):
    entry = SEED[0]
    publish_intro(code, f"<p>{text_of(entry, code)['forms'][0]}</p>")
    for url in (f"/{code}/", f"/{code}/glossar/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    term = Term.objects.get(key=entry["key"], locale__language_code=code)
    with django_capture_on_commit_callbacks(execute=True):
        term.explanation = "Geänderte Erklärung zum Test"
        term.save()
    page = client.get(f"/{code}/")
    assert page["X-Page-Cache"] == "miss"
    assert term_links(soup_of(page), code, entry["key"])[0]["title"] == "Geänderte Erklärung zum Test"
    glossary = client.get(f"/{code}/glossar/")
    assert "Geänderte Erklärung zum Test" in glossary.content.decode()


# --- who may change the termbase (crafted requests to the snippet admin) ---------------------------

EDIT_ROLES = {
    "editor": "AK Migration Waldshut – Redaktion",
    "reviewer": "AK Migration Lörrach – Prüfung",
    "translator": TRANSLATORS,
    "network-admin": NETWORK_ADMINS,
}


def signed_in(client, group_name):
    user = get_user_model().objects.create_user(f"u-{group_name[:20]}", "u@example.org", "pw-Long-enough-1")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def post_change(client, term, action=None):
    url = reverse("wagtailsnippets_terminology_term:edit", args=[term.pk])
    data = {"key": term.key, "term": term.term, "explanation": "Von außen geändert", "forms": term.forms}
    if action:
        data[f"action-{action}"] = action
    return client.post(url, data)


def glossary_text(client, code="ar"):
    return client.get(f"/{code}/glossar/").content.decode()


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_editors_and_translators_propose_a_term_change_that_waits_for_review(client, role):
    signed_in(client, EDIT_ROLES[role])
    term = Term.objects.get(key=SEED[0]["key"], locale__language_code="ar")
    before = term.explanation

    post_change(client, term, "publish")  # forged: their form has no publish button
    assert Term.objects.get(pk=term.pk).explanation == before
    post_change(client, term, "submit")

    term = Term.objects.get(pk=term.pk)
    assert term.explanation == before and term.has_unpublished_changes and term.workflow_in_progress
    assert term.latest_revision.as_object().explanation == "Von außen geändert"
    client.logout()
    assert before in glossary_text(client) and "Von außen geändert" not in glossary_text(client)


@pytest.mark.parametrize("role", ["reviewer", "network-admin"])
def test_reviewers_and_administrators_publish_a_term_change(client, role):
    signed_in(client, EDIT_ROLES[role])
    term = Term.objects.get(key=SEED[0]["key"], locale__language_code="ar")
    post_change(client, term, "publish")
    assert Term.objects.get(pk=term.pk).explanation == "Von außen geändert"
    client.logout()
    assert "Von außen geändert" in glossary_text(client)


def test_another_reviewer_approves_a_proposed_term_and_the_glossary_shows_it(client):
    editor = Client()
    signed_in(editor, EDIT_ROLES["editor"])
    term = Term.objects.get(key=SEED[0]["key"], locale__language_code="ar")
    post_change(editor, term, "submit")
    term = Term.objects.get(pk=term.pk)
    reviewer = Client()
    signed_in(reviewer, EDIT_ROLES["reviewer"])

    task_state = term.current_workflow_task_state
    url = reverse("wagtailsnippets_terminology_term:workflow_action", args=[term.pk, "approve", task_state.pk])
    assert reviewer.post(url, {"comment": ""}).status_code in (200, 302)

    term = Term.objects.get(pk=term.pk)
    assert term.explanation == "Von außen geändert" and not term.workflow_in_progress
    assert "Von außen geändert" in glossary_text(client)


@pytest.mark.parametrize("who", ["anonymous", "admin access only"])
def test_nobody_else_may_change_or_delete_a_term(client, who):
    if who != "anonymous":
        group = Group.objects.create(name="Nur Admin-Zugang")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        signed_in(client, group.name)
    term = Term.objects.get(key=SEED[0]["key"], locale__language_code="ar")
    before = Term.objects.get(pk=term.pk).explanation
    response = post_change(client, term)
    assert response.status_code in (302, 403)
    client.post(reverse("wagtailsnippets_terminology_term:delete", args=[term.pk]), {})
    assert Term.objects.get(pk=term.pk).explanation == before


def test_only_administrators_may_delete_a_term(client):
    signed_in(client, EDIT_ROLES["editor"])
    term = Term.objects.get(key=SEED[0]["key"], locale__language_code="ar")
    client.post(reverse("wagtailsnippets_terminology_term:delete", args=[term.pk]), {})
    assert Term.objects.filter(pk=term.pk).exists()


def test_admin_list_is_in_german_and_exports(admin_client):
    with translation.override("de"):
        response = admin_client.get(reverse("wagtailsnippets_terminology_term:list"))
        assert response.status_code == 200 and "Fachbegriffe" in response.content.decode()
        export = admin_client.get(reverse("wagtailsnippets_terminology_term:list") + "?export=csv")
    assert export.status_code == 200 and SEED[0]["de"]["term"] in b"".join(export.streaming_content).decode("utf-8-sig")


def test_event_and_directory_descriptions_link_their_first_term(client):
    """The plugins' own templates know nothing of the glossary; the site's overrides wrap their descriptions."""
    from events.models import EventPage
    from orgdirectory.models import DirectoryPage, Organisation

    form = SEED[0]["de"]["forms"][0]
    text = f"<p>Bitte gehen Sie zuerst zum {form}.</p>"
    event = EventPage.objects.live().filter(locale__language_code="de").first()
    event.description = text
    event.save_revision().publish()
    soup = soup_of(client.get(event.url))
    assert [link.get_text() for link in soup.select(".event-description a.term-link")] == [form]

    organisation = Organisation.objects.filter(live=True, locale__language_code="de").first()
    organisation.description = text
    organisation.save_revision().publish()
    directory = DirectoryPage.objects.live().get(locale__language_code="de")
    soup = soup_of(client.get(directory.organisation_url(organisation.key)))
    assert [link.get_text() for link in soup.select(".organisation a.term-link")] == [form]
