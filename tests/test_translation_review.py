"""Translations never go live around review (issue 14, High 1).

Crafted POSTs to wagtail-localize's admin views, as an attacker with each role would send them;
afterwards the public page / entry and the database are read back.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from editorial.setup import TRANSLATORS
from events.models import EventIndexPage, EventPage
from orgdirectory.models import Organisation
from tests.conftest import page_in
from tests.roles import LOERRACH, WALDSHUT, login

pytestmark = pytest.mark.django_db




def source_of(instance):
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    Translation.objects.get_or_create(
        source=source, target_locale=page_or_entry_locale("en"), defaults={"enabled": True}
    )
    return source


def page_or_entry_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def translate_string(source, german_text, english_text):
    segment = StringSegment.objects.select_related("string", "context").get(source=source, string__data=german_text)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=page_or_entry_locale("en"),
        context=segment.context,
        defaults={"data": english_text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard (403 for XHR)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def update_and_publish(client, source):
    return client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )


def waldshut_event(working_groups_de):
    index = EventIndexPage.objects.child_of(working_groups_de["ak-migration-waldshut"]).get()
    return EventPage.objects.child_of(index).live().first()


def snapshot(model, **filters):
    """Everything a refusal must leave unchanged: the rows and the revisions of ``model``."""
    rows = list(model.objects.filter(**filters).order_by("pk").values())
    revisions = Revision.objects.count()
    workflows = WorkflowState.objects.count()
    return rows, revisions, workflows


def entry(name, code="de"):
    return Organisation.objects.get(locale__language_code=code, name=name) if code == "de" else None


def english_of(organisation):
    return Organisation.objects.get(translation_key=organisation.translation_key, locale__language_code="en")


@pytest.fixture
def waldshut_only_entry():
    return Organisation.objects.get(locale__language_code="de", name="Schulamt")


def test_translator_update_with_publish_becomes_a_draft_in_the_sections_review(
    client, working_groups_de, django_capture_on_commit_callbacks
):
    event = waldshut_event(working_groups_de)
    english = page_in(event, "en")
    old_title = english.title
    source = source_of(event)
    translate_string(source, event.title, "Published around review")
    _user, translator = login("uebersetzerin", TRANSLATORS)

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(translator, source)

    assert response.status_code == 302 and not refused(response)
    english = Page.objects.get(pk=english.pk).specific
    assert english.title == old_title
    assert "Published around review" not in client.get(english.url).content.decode()
    assert english.get_latest_revision().as_object().title == "Published around review"
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(english.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name.endswith(WALDSHUT)


def test_reviewer_of_the_section_still_publishes_the_translation(
    client, working_groups_de, django_capture_on_commit_callbacks
):
    event = waldshut_event(working_groups_de)
    english = page_in(event, "en")
    source = source_of(event)
    translate_string(source, event.title, "Reviewed English title")
    user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    user.groups.add(Group.objects.get(name=TRANSLATORS))  # a reviewer who also translates

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(reviewer, source)

    assert response.status_code == 302 and not refused(response)
    assert Page.objects.get(pk=english.pk).title == "Reviewed English title"
    assert "Reviewed English title" in client.get(english.url).content.decode()


def test_reviewer_of_another_group_cannot_touch_the_translation(working_groups_de, django_capture_on_commit_callbacks):
    event = waldshut_event(working_groups_de)
    english = page_in(event, "en")
    source = source_of(event)
    translate_string(source, event.title, "Foreign reviewer title")
    user, reviewer = login("pruef-lo", f"{LOERRACH} – Prüfung")
    user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    before = snapshot(Page, pk=english.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(reviewer, source)

    assert refused(response)
    assert snapshot(Page, pk=english.pk) == before


def test_translators_have_no_rights_on_directory_entries(waldshut_only_entry, django_capture_on_commit_callbacks):
    english = english_of(waldshut_only_entry)
    source = source_of(waldshut_only_entry)
    translate_string(source, waldshut_only_entry.name, "School Office (published by a translator)")
    Organisation.objects.get(  # so that French can be asked for
        translation_key=waldshut_only_entry.translation_key, locale__language_code="fr"
    ).delete()
    _user, translator = login("uebersetzer", TRANSLATORS)
    before = snapshot(Organisation, translation_key=waldshut_only_entry.translation_key)

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(translator, source)
        submit = translator.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["orgdirectory", "organisation", waldshut_only_entry.pk],
            ),
            {"locales": [page_or_entry_locale("fr").pk]},
        )

    assert refused(response)
    assert refused(submit)
    assert snapshot(Organisation, translation_key=waldshut_only_entry.translation_key) == before
    assert english_of(waldshut_only_entry).name == english.name


def test_reviewer_of_another_group_cannot_publish_a_directory_translation(
    waldshut_only_entry, django_capture_on_commit_callbacks
):
    source = source_of(waldshut_only_entry)
    translate_string(source, waldshut_only_entry.name, "School Office (Lörrach)")
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    english = english_of(waldshut_only_entry)
    user, reviewer = login("pruef-lo", f"{LOERRACH} – Prüfung")
    user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    before = snapshot(Organisation, translation_key=waldshut_only_entry.translation_key)

    with django_capture_on_commit_callbacks(execute=True):
        update = update_and_publish(reviewer, source)
        editor_publish = reviewer.post(
            reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[english.pk]), {"action": "publish"}
        )

    assert refused(update)
    assert refused(editor_publish)
    assert snapshot(Organisation, translation_key=waldshut_only_entry.translation_key) == before
    assert translation.source.get_translated_instance(page_or_entry_locale("en")).name == english.name


def test_waldshut_editor_translation_of_an_entry_waits_for_review(
    client, waldshut_only_entry, django_capture_on_commit_callbacks
):
    english = english_of(waldshut_only_entry)
    source = source_of(waldshut_only_entry)
    translate_string(source, waldshut_only_entry.name, "School Office (editor)")
    user, editor = login("red-wt", f"{WALDSHUT} – Redaktion")
    user.groups.add(Group.objects.get(name=TRANSLATORS))

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(editor, source)

    assert response.status_code == 302 and not refused(response)
    english.refresh_from_db()
    assert english.live and english.name != "School Office (editor)"
    assert english.get_latest_revision().as_object().name == "School Office (editor)"
    assert english.workflow_in_progress


def test_submitting_a_new_translation_creates_a_draft_in_review(working_groups_de, django_capture_on_commit_callbacks):
    index = EventIndexPage.objects.child_of(working_groups_de["ak-migration-waldshut"]).get()
    event = EventPage.objects.child_of(index).live().first()
    new_event = event.copy(update_attrs={"title": "Neue Beratung", "slug": "neue-beratung-review"}, keep_live=True)
    assert new_event.get_translation_or_none(page_or_entry_locale("en")) is None
    _user, translator = login("uebersetzer", TRANSLATORS)

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            reverse("wagtail_localize:submit_page_translation", args=[new_event.pk]),
            {"locales": [page_or_entry_locale("en").pk]},
        )

    assert response.status_code == 302 and not refused(response)
    english = new_event.get_translation(page_or_entry_locale("en"))
    assert not english.live
    assert english.workflow_in_progress


def german_page_with_english_alias(working_groups_de):
    """A new German page of the Waldshut section, live, and its English version still an alias of it."""
    from home.models import ContentPage

    section = working_groups_de["ak-migration-waldshut"]
    german = ContentPage(title="Alias-Seite", slug="alias-seite", teaser="Nur auf Deutsch")
    section.add_child(instance=german)
    german.save_revision().publish()
    english = german.get_translation_or_none(page_or_entry_locale("en"))
    if english is None:
        english = german.copy_for_translation(page_or_entry_locale("en"), copy_parents=True, alias=True)
    english = Page.objects.get(pk=english.pk)
    assert english.alias_of_id == german.pk and english.live
    return german, english


def assert_alias_translation_waits_for_review(client, english, english_title):
    english = Page.objects.get(pk=english.pk).specific
    assert english.alias_of_id is None  # a page of its own now, as wagtail-localize's translation makes it
    assert english.live and english.title == "Alias-Seite"  # visitors still see what the alias showed
    assert english_title not in client.get(english.url).content.decode()
    assert english.get_latest_revision().as_object().title == english_title
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(english.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name.endswith(WALDSHUT)


def test_translating_an_alias_with_publish_becomes_a_draft_in_review(
    client, working_groups_de, django_capture_on_commit_callbacks
):
    german, english = german_page_with_english_alias(working_groups_de)
    source = source_of(german)
    translate_string(source, "Alias-Seite", "Alias page published around review")
    _user, translator = login("uebersetzerin", TRANSLATORS)

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(translator, source)

    assert response.status_code == 302 and not refused(response)
    assert_alias_translation_waits_for_review(client, english, "Alias page published around review")


def test_translating_an_alias_through_the_translate_button_becomes_a_draft_in_review(
    client, working_groups_de, django_capture_on_commit_callbacks
):
    """wagtail-localize's „Übersetzen“ on the German page offers languages whose version is still an alias and,
    with machine-free fallback, copies the German text into the new translation; it must not go live either."""
    german, english = german_page_with_english_alias(working_groups_de)
    source = source_of(german)
    translate_string(source, "Alias-Seite", "Alias page via translate")
    _user, translator = login("uebersetzerin", TRANSLATORS)

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            reverse("wagtail_localize:submit_page_translation", args=[german.pk]),
            {"locales": [page_or_entry_locale("en").pk]},
        )
        assert response.status_code == 302 and not refused(response)
        response = update_and_publish(translator, source)

    assert response.status_code == 302 and not refused(response)
    assert_alias_translation_waits_for_review(client, english, "Alias page via translate")


def test_reviewer_of_the_section_publishes_the_translation_of_an_alias(
    client, working_groups_de, django_capture_on_commit_callbacks
):
    german, english = german_page_with_english_alias(working_groups_de)
    source = source_of(german)
    translate_string(source, "Alias-Seite", "Alias page reviewed")
    user, reviewer = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    user.groups.add(Group.objects.get(name=TRANSLATORS))

    with django_capture_on_commit_callbacks(execute=True):
        response = update_and_publish(reviewer, source)

    assert response.status_code == 302 and not refused(response)
    english = Page.objects.get(pk=english.pk)
    assert english.alias_of_id is None and english.title == "Alias page reviewed"
    assert "Alias page reviewed" in client.get(english.url).content.decode()
