"""Each working group edits its own section; nothing goes public without a reviewer of the same group."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from editorial.setup import NETWORK_ADMINS, TRANSLATORS
from home.models import ContentPage
from tests.roles import login

pytestmark = pytest.mark.django_db



@pytest.fixture
def waldshut_editor():
    return login("red-wt", "AK Migration Waldshut – Redaktion")


@pytest.fixture
def waldshut_reviewer():
    return login("pruef-wt", "AK Migration Waldshut – Prüfung")


@pytest.fixture
def loerrach_reviewer():
    return login("pruef-lo", "AK Migration Lörrach – Prüfung")


@pytest.fixture
def draft_in_waldshut(working_groups_de):
    page = ContentPage(title="Sprachcafé Waldshut", slug="sprachcafe", teaser="Alt", live=False)
    working_groups_de["ak-migration-waldshut"].add_child(instance=page)
    page.save_revision()
    return page


def edit_data(page, **changes):
    data = {"title": page.title, "slug": page.slug, "teaser": page.teaser, "body": streamfield([])}
    data.update(changes)
    return nested_form_data(data)


def submit(client, page, **changes):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**edit_data(page, **changes), "action-submit": "Submit"}
    )


def test_groups_exist_for_every_working_group():
    names = set(Group.objects.values_list("name", flat=True))
    for label in ("AK Migration Lörrach", "AK Migration Waldshut", "Projektgruppe Arbeitsmarkt"):
        assert {f"{label} – Redaktion", f"{label} – Prüfung"} <= names
    assert {NETWORK_ADMINS, TRANSLATORS} <= names


def test_waldshut_editor_cannot_touch_loerrach(waldshut_editor, working_groups_de):
    user, client = waldshut_editor
    loerrach = working_groups_de["ak-migration-loerrach"]
    permissions = loerrach.permissions_for_user(user)
    assert not permissions.can_edit() and not permissions.can_publish() and not permissions.can_delete()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[loerrach.pk]))
    assert response.status_code in (302, 403)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[loerrach.pk]))
    assert Page.objects.filter(pk=loerrach.pk).exists()


def test_waldshut_editor_can_edit_and_submit_but_not_publish(waldshut_editor, draft_in_waldshut):
    user, client = waldshut_editor
    permissions = draft_in_waldshut.permissions_for_user(user)
    assert permissions.can_edit() and not permissions.can_publish()

    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_in_waldshut.pk]),
        {**edit_data(draft_in_waldshut, teaser="Neu"), "action-publish": "Publish"},
    )
    draft_in_waldshut.refresh_from_db()
    assert not draft_in_waldshut.live

    response = submit(client, draft_in_waldshut, teaser="Neu")
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_form_page(draft_in_waldshut))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name.endswith("AK Migration Waldshut")


def base_form_page(page):
    from django.db.models import Q

    return Q(object_id=str(page.pk), base_content_type__model="page")


def workflow_action(client, page, action, comment=""):
    state = WorkflowState.objects.get(base_form_page(page), status=WorkflowState.STATUS_IN_PROGRESS)
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk]),
        {"comment": comment},
    )


def test_reviewer_of_the_same_group_approves_and_page_goes_public(
    waldshut_editor, waldshut_reviewer, draft_in_waldshut, client
):
    _, editor = waldshut_editor
    submit(editor, draft_in_waldshut, teaser="Jeden Dienstag Sprachcafé")
    assert client.get("/de/ak-migration-waldshut/sprachcafe/").status_code == 404  # a draft is never public

    _, reviewer = waldshut_reviewer
    response = workflow_action(reviewer, draft_in_waldshut, "approve", "Passt.")
    assert response.status_code in (200, 302)
    draft_in_waldshut.refresh_from_db()
    assert draft_in_waldshut.live
    assert "Jeden Dienstag Sprachcafé" in client.get("/de/ak-migration-waldshut/sprachcafe/").content.decode()
    from wagtail.models import PageLogEntry

    actions = list(PageLogEntry.objects.filter(page=draft_in_waldshut).values_list("action", "user__username"))
    assert ("wagtail.workflow.approve", "pruef-wt") in actions
    assert ("wagtail.publish", "pruef-wt") in actions
    assert ("wagtail.workflow.start", "red-wt") in actions


def test_reviewer_of_another_group_cannot_approve(waldshut_editor, loerrach_reviewer, draft_in_waldshut):
    _, editor = waldshut_editor
    submit(editor, draft_in_waldshut, teaser="Neu")
    _, other = loerrach_reviewer
    workflow_action(other, draft_in_waldshut, "approve")
    draft_in_waldshut.refresh_from_db()
    assert not draft_in_waldshut.live
    state = WorkflowState.objects.get(base_form_page(draft_in_waldshut))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_rejection_keeps_page_private_and_notifies_editor(waldshut_editor, waldshut_reviewer, draft_in_waldshut, client):
    _, editor = waldshut_editor
    submit(editor, draft_in_waldshut, teaser="Neu")
    mail.outbox.clear()
    _, reviewer = waldshut_reviewer
    workflow_action(reviewer, draft_in_waldshut, "reject", "Bitte Uhrzeit ergänzen.")
    draft_in_waldshut.refresh_from_db()
    assert not draft_in_waldshut.live
    assert client.get("/de/ak-migration-waldshut/sprachcafe/").status_code == 404
    recipients = [address for message in mail.outbox for address in message.to]
    assert "red-wt@example.org" in recipients
    assert any("Bitte Uhrzeit ergänzen." in message.body for message in mail.outbox)


def test_scheduled_publishing_publishes_at_the_set_time(draft_in_waldshut, client):
    draft_in_waldshut.go_live_at = timezone.now() + timedelta(hours=1)
    revision = draft_in_waldshut.save_revision()
    revision.publish()  # with a future go-live time this only schedules
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    draft_in_waldshut.refresh_from_db()
    assert not draft_in_waldshut.live
    # The set time comes: move the schedule into the past instead of waiting an hour.
    revision.refresh_from_db()
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    draft_in_waldshut.refresh_from_db()
    assert draft_in_waldshut.live
    assert client.get("/de/ak-migration-waldshut/sprachcafe/").status_code == 200


def test_translators_can_edit_translations_but_not_german_pages(working_groups_de):
    from tests.conftest import page_in

    user, _ = login("uebersetzer", TRANSLATORS)
    german = working_groups_de["ak-migration-loerrach"]
    assert not german.permissions_for_user(user).can_edit()
    arabic = page_in(german, "ar")
    assert arabic.permissions_for_user(user).can_edit()
    assert not arabic.permissions_for_user(user).can_publish()
    assert user.has_perm("wagtail_localize.submit_translation")


def test_editor_dashboard_shows_own_section_and_drafts(waldshut_editor, draft_in_waldshut):
    user, client = waldshut_editor
    draft_in_waldshut.save_revision(user=user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mein Arbeitskreis" in html
    assert "Arbeitskreis Migration des Landkreises Waldshut" in html
    assert "Arbeitskreis Migration des Landkreises Lörrach" not in html.split("Mein Arbeitskreis")[1].split("</section>")[0]
    assert "Sprachcafé Waldshut" in html


def test_editor_dashboard_lists_the_next_events_of_the_group(waldshut_editor, working_groups_de):
    from editorial.panels import upcoming_events

    user, client = waldshut_editor
    upcoming = upcoming_events([working_groups_de["ak-migration-waldshut"]])
    assert upcoming, "the demo calendar of Waldshut has upcoming example events"
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nächste Veranstaltungen" in html
    assert upcoming[0]["page"].title in html


def test_editor_dashboard_has_the_weeks_tasks_and_the_groups_own_numbers(waldshut_editor, working_groups_de):
    from events.models import EventIndexPage
    from home.models import NewsIndexPage

    user, client = waldshut_editor
    section = working_groups_de["ak-migration-waldshut"]
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    news_index = NewsIndexPage.objects.child_of(section).get()
    event_index = EventIndexPage.objects.descendant_of(section).get()
    assert f'href="/admin/pages/add/home/newspage/{news_index.pk}/">Neue Meldung' in html
    assert f'href="/admin/pages/add/events/eventpage/{event_index.pk}/">Neue Veranstaltung' in html
    assert f"?working_group={section.pk}" in html and f"?arbeitskreis={section.pk}" in html
    # Wagtail's count of every page in all thirteen languages is gone; the section's German numbers are shown.
    assert "w-summary" not in html
    german_pages = Page.objects.descendant_of(section, inclusive=True).filter(locale=section.locale).count()
    assert f"<dt>Seiten</dt><dd>{german_pages}</dd>" in html
    for url in (f"/admin/pages/add/home/newspage/{news_index.pk}/", f"/admin/pages/add/events/eventpage/{event_index.pk}/"):
        assert client.get(url).status_code == 200  # the buttons lead to forms the editor may use


def test_reviewer_sees_what_waits_for_review_and_editor_sees_it_marked(waldshut_editor, waldshut_reviewer, loerrach_reviewer, draft_in_waldshut):
    user, editor = waldshut_editor
    submit(editor, draft_in_waldshut, teaser="Neu")
    _, reviewer = waldshut_reviewer
    html = reviewer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Warten auf Ihre Prüfung: 1" in html
    task_state = Page.objects.get(pk=draft_in_waldshut.pk).current_workflow_task_state
    # the review screen with the changes and the buttons (editorial/review_screen.py)
    assert f'href="/admin/pruefung/{task_state.pk}/">Sprachcafé Waldshut' in html
    _, other_reviewer = loerrach_reviewer
    assert "Warten auf Ihre Prüfung" not in other_reviewer.get(reverse("wagtailadmin_home")).content.decode()
    mine = editor.get(reverse("wagtailadmin_home")).content.decode().split("Meine Entwürfe")[1]
    assert "Sprachcafé Waldshut</a> <span class=\"w-status w-status--primary\">in Prüfung</span>" in mine


def test_page_types_only_where_they_make_sense():
    from home.models import HomePage, NewsIndexPage, NewsPage, WorkingGroupPage

    assert NewsPage.parent_page_types == ["home.NewsIndexPage"]
    assert "home.NewsPage" not in HomePage.subpage_types
    assert NewsIndexPage.parent_page_types == ["home.WorkingGroupPage"]
    assert WorkingGroupPage.parent_page_types == ["home.HomePage"]


def test_every_model_field_has_german_help_or_is_self_explanatory():
    from home.models import NewsPage, WorkingGroupPage

    for model in (WorkingGroupPage, NewsPage):
        for name in ("intro", "teaser") if model is NewsPage else ("intro", "goals", "members", "contact"):
            if hasattr(model, name):
                assert str(model._meta.get_field(name).help_text)


def directory_entry(name):
    from orgdirectory.models import Organisation

    return Organisation.objects.get(locale__language_code="de", name=name)


def test_waldshut_editor_may_edit_only_entries_of_waldshut(waldshut_editor):
    user, client = waldshut_editor
    loerrach_only = directory_entry("Internationale Kommission der Stadt Lörrach")
    waldshut_only = directory_entry("Schulamt")
    edit = "wagtailsnippets_orgdirectory_organisation:edit"
    assert client.get(reverse(edit, args=[loerrach_only.pk])).status_code in (302, 403)
    assert client.get(reverse(edit, args=[waldshut_only.pk])).status_code == 200
    policy = type(loerrach_only).snippet_viewset.permission_policy
    assert not policy.user_has_permission_for_instance(user, "change", loerrach_only)
    assert not policy.user_has_permission_for_instance(user, "publish", waldshut_only)
    assert not policy.user_has_permission_for_instance(user, "delete", loerrach_only)
    # An entry of both groups (Jobcenter) may be kept up to date by either.
    assert policy.user_has_permission_for_instance(user, "change", directory_entry("Jobcenter"))


def test_directory_entries_go_through_review():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from orgdirectory.models import Organisation

    workflow = WorkflowContentType.objects.get(content_type=ContentType.objects.get_for_model(Organisation)).workflow
    assert workflow.name.startswith("Prüfung vor Veröffentlichung")


def test_wagtails_awaiting_review_panel_lists_only_entries_the_reviewer_may_approve(
    waldshut_editor, waldshut_reviewer, loerrach_reviewer
):
    """Wagtail's own „Warten auf Ihre Prüfung“ (WorkflowObjectsToModeratePanel) offers every task of the directory's
    one workflow to every group's reviewers; it lists a Waldshut-only entry to Waldshut's reviewers, not Lörrach's."""
    author, _ = waldshut_editor
    entry = directory_entry("Schulamt")  # Waldshut only
    entry.name = "Schulamt (zur Prüfung)"
    entry.save_revision(user=author)
    entry.get_workflow().start(entry, author)
    edit_url = reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[entry.pk])

    def wagtails_panel(client):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert 'id="awaiting-review' in html or edit_url not in html
        return html.split('id="awaiting-review', 1)[1] if 'id="awaiting-review' in html else ""

    _, waldshut = waldshut_reviewer
    _, loerrach = loerrach_reviewer
    assert edit_url in wagtails_panel(waldshut)
    assert "Schulamt (zur Prüfung)" in wagtails_panel(waldshut)
    loerrach_html = loerrach.get(reverse("wagtailadmin_home")).content.decode()
    assert edit_url not in loerrach_html and "Schulamt (zur Prüfung)" not in loerrach_html
