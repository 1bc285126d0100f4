"""Translations: stored through wagtail-localize, honest about their state, complete for every language."""

import re
from html import unescape

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from demo.seed import WALDSHUT_LABEL, load_seed, split_sentences
from demo.translations import TRANSLATIONS_DIR
from home.models import WorkingGroupPage
from tests.conftest import page_in
from translations.languages import TARGET_LANGUAGES
from translations.overview import MISSING, OUTDATED, TRANSLATED, overview

pytestmark = pytest.mark.django_db


def main_text(response):
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def seed_sentences():
    seed = load_seed()
    sentences = list(seed.network)
    for group in seed.working_groups:
        sentences += group.intro + group.background + group.goals
    return sentences


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chefredaktion", "chef@example.org", "pw-Xy7!long")
    client.force_login(user)
    return client


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_demo_pages_are_real_translations_in_every_language(client, working_groups_de, home_de, code):
    for page in [home_de, *working_groups_de.values()]:
        translated = page_in(page, code)
        assert translated.alias_of_id is None, f"{translated.url} is still an untranslated alias"
        assert TranslationSource.objects.filter(object_id=page.translation_key).exists()
        text = main_text(client.get(translated.url))
        assert "notice--untranslated" not in client.get(translated.url).content.decode()
        for sentence in seed_sentences():
            assert sentence not in text, f"German seed sentence left on {translated.url}"
        assert WALDSHUT_LABEL.strip() not in text


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_each_catalogue_of_demo_content_covers_every_segment(code):
    template = polib.pofile(str(TRANSLATIONS_DIR / "source_de.pot"))
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(TRANSLATIONS_DIR / f"{code}.po"))}
    for entry in template:
        assert entry.msgid in catalogue and catalogue[entry.msgid].translated(), (code, entry.msgid)
        assert catalogue[entry.msgid].msgstr != entry.msgid or len(entry.msgid) < 5


def test_stale_translation_notice_appears_after_german_edit_and_disappears_after_sync(
    client, working_groups_de, django_capture_on_commit_callbacks
):
    german = working_groups_de["ak-migration-waldshut"]
    arabic = page_in(german, "ar")
    assert "notice--outdated" not in client.get(arabic.url).content.decode()

    german.goals = german.goals + "<p>Ein neuer Satz im deutschen Original.</p>"
    german.save_revision().publish()
    html = client.get(arabic.url).content.decode()
    assert "notice--outdated" in html
    assert f'href="{german.url}" hreflang="de"' in html
    notice = re.search(r'<p class="notice notice--outdated".*?</p>', html, re.S).group(0)
    assert "Das deutsche Original" not in notice  # the notice speaks Arabic

    source = TranslationSource.objects.get(object_id=german.translation_key, locale__language_code="de")
    source.update_from_db()  # "Sync translated pages" in the admin
    html = client.get(arabic.url).content.decode()
    assert "notice--outdated" in html  # synced, but the Arabic page is not published again yet

    translation = Translation.objects.get(source=source, target_locale__language_code="ar")
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    assert "notice--outdated" not in client.get(arabic.url).content.decode()


def test_dashboard_counts_equal_the_database(admin_client, working_groups_de):
    german = working_groups_de["ak-migration-loerrach"]
    german.title = german.title + " (neu)"
    german.save_revision().publish()  # every language's translation of this page is now outdated

    response = admin_client.get(reverse("translations_dashboard"))
    assert response.status_code == 200
    kinds = overview()
    pages = kinds[0]
    german_pages = Page.objects.filter(locale__language_code="de", depth__gt=1).not_type(_event_models()).count()
    for code in TARGET_LANGUAGES:
        counts = pages.counts(code)
        real = Page.objects.filter(locale__language_code=code, depth__gt=1, alias_of__isnull=True).not_type(_event_models()).count()
        assert counts[TRANSLATED] + counts[OUTDATED] == real
        assert counts[MISSING] == german_pages - real
        assert counts[OUTDATED] >= 1
    html = response.content.decode()
    ar = pages.counts("ar")
    assert f"{ar[TRANSLATED]} / {ar[OUTDATED]} / {ar[MISSING]}" in html

    worklist = admin_client.get(reverse("translations_worklist", args=["ar"])).content.decode()
    assert german.title in worklist


def _event_models():
    from django.apps import apps

    try:
        return (apps.get_model("events", "EventPage"),)
    except LookupError:
        return ()


def test_dashboard_filters_by_working_group(admin_client, working_groups_de):
    group = working_groups_de["ak-migration-waldshut"]
    within = overview(within=group)[0]
    descendants = Page.objects.filter(locale__language_code="de").descendant_of(group, inclusive=True).not_type(_event_models()).count()
    counts = within.counts("fa")
    assert sum(counts.values()) == descendants
    response = admin_client.get(reverse("translations_dashboard") + f"?arbeitskreis={group.pk}")
    assert response.status_code == 200
    assert admin_client.get(reverse("translations_dashboard") + "?arbeitskreis=xyz%00").status_code == 200


def test_dashboard_needs_admin_access(client):
    response = client.get(reverse("translations_dashboard"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_po_export_and_import_round_trip_reaches_visitors(
    admin_client, client, working_groups_de, django_capture_on_commit_callbacks
):
    german = working_groups_de["projektgruppe-arbeitsmarktliche-integration"]
    romanian = page_in(german, "ro")
    source = TranslationSource.objects.get(object_id=german.translation_key, locale__language_code="de")
    translation = Translation.objects.get(source=source, target_locale__language_code="ro")
    StringTranslation.objects.filter(locale__language_code="ro", translation_of__segments__source=source).delete()

    exported = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert exported.status_code == 200
    catalogue = polib.pofile(exported.content.decode())
    assert german.title in [entry.msgid for entry in catalogue]
    for entry in catalogue:
        entry.msgstr = "RO: " + entry.msgid if entry.msgid != german.title else "Grupul de proiect pentru piața muncii"

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ro.po", str(catalogue).encode(), content_type="text/x-gettext-translation")
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": "/admin/"}
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert "Grupul de proiect pentru piața muncii" in client.get(romanian.url).content.decode()


def test_translation_editor_gets_right_to_left_fields(admin_client, working_groups_de):
    farsi = page_in(working_groups_de["ak-migration-loerrach"], "fa")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[farsi.pk])).content.decode()
    assert "js-translation-editor" in html
    assert re.search(r'<script src="[^"]*translation-editor-direction[^"]*" data-rtl-languages="ar fa ps"', html)


def test_language_choice_is_remembered(client):
    response = client.get("/uk/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert again["Location"] == "/uk/"


def test_title_and_meta_description_are_translated(client, home_de):
    turkish = page_in(home_de, "tr")
    html = client.get(turkish.url).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert turkish.title in unescape(title) and home_de.title not in unescape(title)
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    german = re.search(r'<meta name="description" content="([^"]*)"', client.get(home_de.url).content.decode()).group(1)
    assert description and german and description != german


def test_machine_translation_is_off_unless_configured():
    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)


def test_working_group_pages_in_every_language_have_no_german_seed_sentence(client):
    for page in WorkingGroupPage.objects.exclude(locale__language_code="de"):
        text = main_text(client.get(page.url))
        for paragraph in load_seed().network:
            for sentence in split_sentences(paragraph):
                assert sentence not in text


def test_every_locale_exists():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(code for code, _ in settings.LANGUAGES)


def test_dashboard_counts_the_directory_entries_of_the_chosen_working_group(admin_client, working_groups_de):
    from orgdirectory.models import Organisation

    group = working_groups_de["ak-migration-waldshut"]
    members = Organisation.objects.filter(
        locale__language_code="de", memberships__page__translation_key=group.translation_key
    ).distinct()
    everyone = Organisation.objects.filter(locale__language_code="de")
    assert 0 < members.count() < everyone.count()
    [entries] = [kind for kind in overview(within=group) if kind.label == Organisation._meta.verbose_name_plural]
    assert sum(entries.counts("ar").values()) == members.count()
    [all_entries] = [kind for kind in overview() if kind.label == Organisation._meta.verbose_name_plural]
    assert sum(all_entries.counts("ar").values()) == everyone.count()
    html = admin_client.get(reverse("translations_dashboard") + f"?arbeitskreis={group.pk}").content.decode()
    assert str(Organisation._meta.verbose_name_plural) in html


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_demo_legal_pages_carry_their_title_in_every_language(home_de, code):
    from home.models import LegalPage

    legal = LegalPage.objects.child_of(home_de)
    assert legal.count() == 3
    for page in legal:
        translated = page_in(page, code)
        assert translated.alias_of_id is None
        assert translated.title != page.title, f"{translated.url} is still titled {page.title!r}"
