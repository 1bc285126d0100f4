"""Where a translation comes from (issue 19, item 4): recorded on every path, checked by a native speaker in the
admin, and shown to visitors of an unchecked translation – with crafted requests for the permission checks."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page

from editorial.setup import TRANSLATORS
from orgdirectory.models import DirectoryPage, Organisation
from tests.conftest import page_in
from tests.roles import LOERRACH, WALDSHUT, login
from tests.test_translation_review import (
    english_of,
    source_of,
    translate_string,
    update_and_publish,
    waldshut_event,
)
from translations import provenance
from translations.languages import TARGET_LANGUAGES
from translations.models import TranslationOrigin

pytestmark = pytest.mark.django_db

def origin(instance):
    return provenance.origin_of(instance)


def notice(html):
    found = re.search(r'<p class="notice notice--unchecked".*?</p>', html, re.S)
    return found.group(0) if found else None


def check_url(instance):
    return reverse("translations_check", args=[provenance.content_type_of(instance).pk, instance.pk])


@pytest.fixture
def waldshut_group(working_groups_de):
    return working_groups_de["ak-migration-waldshut"]


# --- recording --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_the_demo_loader_marks_its_translations_as_demo_made_and_unchecked(waldshut_group, code):
    made = origin(page_in(waldshut_group, code))
    assert made.method == TranslationOrigin.Method.DEMO
    assert made.made_by is None and not made.checked


def test_demo_directory_entries_are_recorded_too():
    entry = Organisation.objects.get(locale__language_code="de", name="Schulamt")
    assert origin(english_of(entry)).method == TranslationOrigin.Method.DEMO


def test_a_translators_save_is_recorded_as_made_by_a_person_and_resets_the_check(
    working_groups_de, django_capture_on_commit_callbacks
):
    event = waldshut_event(working_groups_de)
    english = page_in(event, "en")
    reviewer_user, _reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    provenance.mark_checked(english, reviewer_user)
    source = source_of(event)
    translate_string(source, event.title, "A translator's new title")
    translator_user, translator = login("uebersetzerin", TRANSLATORS)

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(translator, source)

    assert response.status_code == 302
    made = origin(english)
    assert made.method == TranslationOrigin.Method.HUMAN
    assert made.made_by == translator_user
    assert not made.checked and made.checked_by is None  # the new text is unchecked


def test_machine_translation_is_recorded_as_machine_help(settings, untranslated_page, django_capture_on_commit_callbacks):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-Xy7!long")
    client = Client()
    client.force_login(admin)
    source = source_of(untranslated_page)
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        assert update_and_publish(client, source).status_code == 302

    english = page_in(untranslated_page, "en")
    assert not english.alias_of_id
    made = origin(english)
    assert made.method == TranslationOrigin.Method.MACHINE and made.made_by == admin


# --- marking checked --------------------------------------------------------------------------


def test_the_sections_reviewer_marks_a_translation_checked_and_the_notice_goes(client, waldshut_group):
    arabic = page_in(waldshut_group, "ar")
    assert notice(client.get(arabic.url).content.decode())
    user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")

    confirm = reviewer.get(check_url(arabic))
    assert confirm.status_code == 200 and "vom Demo-Ladeprogramm" in confirm.content.decode()
    response = reviewer.post(check_url(arabic))

    assert response.status_code == 302
    made = origin(arabic)
    assert made.checked_by == user and made.checked_at is not None
    assert made.method == TranslationOrigin.Method.DEMO  # how it was made stays
    assert notice(client.get(arabic.url).content.decode()) is None


def test_a_reviewer_of_another_section_gets_403_and_nothing_changes(waldshut_group):
    arabic = page_in(waldshut_group, "ar")
    before = list(TranslationOrigin.objects.values())
    _user, other = login("pruef-lo", f"{LOERRACH} – Prüfung")

    assert other.post(check_url(arabic)).status_code == 403
    assert other.get(check_url(arabic)).status_code == 403
    assert list(TranslationOrigin.objects.values()) == before


def test_translators_may_not_mark_directory_entries_they_cannot_change():
    entry = english_of(Organisation.objects.get(locale__language_code="de", name="Schulamt"))
    _user, translator = login("uebersetzer", TRANSLATORS)
    assert translator.post(check_url(entry)).status_code == 403
    assert not origin(entry).checked


def test_visitors_and_german_originals_are_refused(client, waldshut_group):
    arabic = page_in(waldshut_group, "ar")
    response = client.post(check_url(arabic))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    _user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    # The German original is no translation; an unknown type is nothing (Django's LocaleMiddleware answers a
    # 404 with a redirect to the language-prefixed address, which is a 404 too).
    assert reviewer.post(check_url(waldshut_group), follow=True).status_code == 404
    assert reviewer.post(reverse("translations_check", args=[999999, arabic.pk]), follow=True).status_code == 404
    assert not origin(waldshut_group)
    assert not origin(arabic).checked


def test_marking_needs_the_csrf_token(waldshut_group):
    arabic = page_in(waldshut_group, "ar")
    user, _ = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(check_url(arabic)).status_code == 403
    assert not origin(arabic).checked


def test_the_page_header_menu_offers_the_check_on_translations_only(waldshut_group):
    _user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    arabic = page_in(waldshut_group, "ar")
    assert check_url(arabic) in reviewer.get(reverse("wagtailadmin_explore", args=[arabic.pk])).content.decode()
    german = reviewer.get(reverse("wagtailadmin_explore", args=[waldshut_group.pk])).content.decode()
    assert "/admin/uebersetzungen/pruefen/" not in german


def test_the_dashboard_shows_how_much_is_checked_per_language(waldshut_group):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-Xy7!long")
    client = Client()
    client.force_login(admin)
    for code in ("ar", "ti"):
        provenance.mark_checked(page_in(waldshut_group, code), admin)

    html = client.get(reverse("translations_dashboard")).content.decode()
    rows = dict(re.findall(r'<th scope="row" lang="(\w+)">.*?data-checked="(\d+)"', html, re.S))
    assert rows["ar"] == rows["ti"] == "1"
    assert rows["fr"] == "0"
    assert re.search(r'lang="ar">.*?1 geprüft \(\d+ %\)', html, re.S)

    worklist = client.get(reverse("translations_worklist", args=["fr"])).content.decode()
    assert check_url(page_in(waldshut_group, "fr")) in worklist
    assert check_url(page_in(waldshut_group, "ar")) not in client.get(
        reverse("translations_worklist", args=["ar"])
    ).content.decode()


def test_the_worklist_button_marks_and_comes_back(waldshut_group):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-Xy7!long")
    client = Client()
    client.force_login(admin)
    worklist = reverse("translations_worklist", args=["fr"])
    french = page_in(waldshut_group, "fr")
    response = client.post(check_url(french), {"next": worklist})
    assert response.status_code == 302 and response["Location"] == worklist
    assert client.post(check_url(french), {"next": "https://example.com/"})["Location"] != "https://example.com/"


# --- what visitors see ------------------------------------------------------------------------


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_visitors_of_an_unchecked_translation_see_the_notice_in_their_language(client, waldshut_group, code):
    page = page_in(waldshut_group, code)
    html = client.get(page.url).content.decode()
    found = notice(html)
    assert found, code
    assert 'href="?rueckmeldung=uebersetzung#rueckmeldung"' in found
    assert f'href="{waldshut_group.url}" hreflang="de"' in found
    assert "Muttersprach" not in found  # in the visitor's language, not German
    assert 'id="rueckmeldung"' in html


def test_no_notice_on_german_pages_nor_on_untranslated_pages(client, waldshut_group, untranslated_page):
    assert notice(client.get(waldshut_group.url).content.decode()) is None
    alias = page_in(untranslated_page, "ar")
    html = client.get(alias.url).content.decode()
    assert "notice--untranslated" in html and notice(html) is None


def test_the_report_link_opens_the_form_with_translation_mistake_chosen(client, waldshut_group):
    page = page_in(waldshut_group, "ti")
    html = client.get(page.url + "?rueckmeldung=uebersetzung").content.decode()
    assert re.search(r'<input type="radio" name="kind" value="translation"[^>]*checked', html)
    plain = client.get(page.url).content.decode()
    assert not re.search(r'value="translation"[^>]*checked', plain)


def test_a_translated_directory_entry_has_the_notice_with_its_german_original(client):
    german = Organisation.objects.get(locale__language_code="de", name="Schulamt")
    english = english_of(german)
    directory_en = DirectoryPage.objects.get(locale__language_code="en")
    directory_de = DirectoryPage.objects.get(locale__language_code="de")
    html = client.get(directory_en.organisation_url(german.key)).content.decode()
    assert f'href="{directory_de.organisation_url(german.key)}" hreflang="de"' in notice(html)
    provenance.mark_checked(english, None)
    html = client.get(directory_en.organisation_url(german.key)).content.decode()
    assert notice(html) is None


def test_marking_checked_makes_the_cached_page_stale(client, settings, waldshut_group, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAME_CACHE_SECONDS = 600
    settings.PAGE_CACHE_INVALIDATION = "dependencies"
    cache.clear()
    arabic = page_in(waldshut_group, "ar")
    other = page_in(waldshut_group, "fr")
    try:
        for url in (arabic.url, other.url):
            client.get(url)
            assert client.get(url).get("X-Page-Cache") == "hit"
        user, _ = login("pruef-wt", f"{WALDSHUT} – Prüfung")
        with django_capture_on_commit_callbacks(execute=True):
            provenance.mark_checked(arabic, user)
        response = client.get(arabic.url)
        assert response.get("X-Page-Cache") == "miss"
        assert notice(response.content.decode()) is None
        assert client.get(other.url).get("X-Page-Cache") == "hit"  # another translation stays cached
    finally:
        cache.clear()


def test_a_new_edit_after_the_check_brings_the_notice_back(client, waldshut_group):
    arabic = page_in(waldshut_group, "ar")
    user, _ = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    provenance.mark_checked(arabic, user)
    assert notice(client.get(arabic.url).content.decode()) is None
    provenance.record(Page.objects.get(pk=arabic.pk), provenance.Method.HUMAN, user)
    assert notice(client.get(arabic.url).content.decode())


def test_the_frame_cache_answers_the_notice_without_a_query(client, frame_cache, waldshut_group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    arabic = page_in(waldshut_group, "ar")
    client.get(arabic.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(arabic.url)
    assert not [query for query in captured if "translations_translationorigin" in query["sql"]]
    assert notice(client.get(arabic.url).content.decode())


# --- approving in Wagtail's page editor -------------------------------------------------------


def hand_made_arabic_page(waldshut_group, editor_user):
    """An Arabic page a person wrote in Wagtail's own editor (not a synchronised translation), in review."""
    from home.models import ContentPage

    german = ContentPage(title="Handgeschrieben", slug="handgeschrieben", teaser="Alt")
    waldshut_group.add_child(instance=german)
    german.save_revision().publish()
    arabic = german.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title, arabic.teaser = "مكتوب باليد", "قديم"
    arabic.save_revision(user=editor_user).publish()
    arabic.teaser = "جديد"
    arabic.save_revision(user=editor_user)
    provenance.record(arabic, provenance.Method.HUMAN, editor_user)  # what the editor's save in the editor records
    arabic.get_workflow().start(arabic, editor_user)
    return arabic.__class__.objects.get(pk=arabic.pk)


def approve_in_editor(client, page, **changes):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    revision = page.latest_revision.as_object()
    data = {"title": revision.title, "slug": revision.slug, "teaser": revision.teaser, "body": streamfield([]), **changes}
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**nested_form_data(data), "action-workflow-action": "true", "workflow-action-name": "approve"},
    )


def test_approving_unchanged_text_in_the_page_editor_keeps_the_check(waldshut_group):
    editor_user, _editor = login("red-wt", f"{WALDSHUT} – Redaktion")
    arabic = hand_made_arabic_page(waldshut_group, editor_user)
    reviewer_user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    provenance.mark_checked(arabic, reviewer_user)

    response = approve_in_editor(reviewer, arabic)

    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.live and arabic.teaser == "جديد" and not arabic.workflow_in_progress  # approved and published
    made = origin(arabic)
    assert made.checked_by == reviewer_user and made.made_by == editor_user


def test_a_reviewer_who_changes_the_text_while_approving_makes_it_unchecked(waldshut_group):
    editor_user, _editor = login("red-wt", f"{WALDSHUT} – Redaktion")
    arabic = hand_made_arabic_page(waldshut_group, editor_user)
    reviewer_user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    provenance.mark_checked(arabic, reviewer_user)

    response = approve_in_editor(reviewer, arabic, teaser="أحدث")

    assert response.status_code == 302
    made = origin(arabic)
    assert made.checked_by is None and made.made_by == reviewer_user
