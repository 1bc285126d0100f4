"""„Vier-Augen-Prinzip“ as an option per section (``editorial.models.ReviewTask``): with „Andere Person muss
freigeben“ the person who submitted a change cannot approve it, through crafted POSTs to Wagtail's workflow
action URLs as well; the database is unchanged after the refusal. On by default for the directory and for
imported events (a reviewer's own import then goes through review), off for other pages."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Task, TaskState, Workflow, WorkflowState, WorkflowTask

from editorial.models import ReviewTask, review_task_of
from events.models import EventIndexPage, EventPage
from home.models import ContentPage
from orgdirectory.models import Organisation
from tests.roles import WALDSHUT, login
from tests.test_permission_matrix import database_state, partner_calendar

pytestmark = pytest.mark.django_db


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def approve(client, obj):
    task_state = obj.current_workflow_task_state
    if isinstance(obj, Organisation):
        url = reverse("wagtailsnippets_orgdirectory_organisation:workflow_action", args=[obj.pk, "approve", task_state.pk])
    else:
        url = reverse("wagtailadmin_pages:workflow_action", args=[obj.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def page_in_review(section, submitter):
    page = ContentPage(title="Vier Augen", slug="vier-augen", teaser="Alt")
    section.add_child(instance=page)
    page.save_revision(user=submitter).publish()
    page.title = "Vier Augen (Entwurf)"
    page.save_revision(user=submitter)
    page.get_workflow().start(page, submitter)
    return ContentPage.objects.get(pk=page.pk)


def test_defaults_every_section_and_the_directory():
    for workflow in Workflow.objects.filter(name__startswith="Prüfung vor Veröffentlichung"):
        tasks = [task.specific for task in workflow.tasks]
        assert len(tasks) == 1 and isinstance(tasks[0], ReviewTask), workflow.name
        # directory entries and terms serve every section: another person approves them from the start
        assert tasks[0].other_person_approves == workflow.name.endswith(("Verzeichnis", "Fachbegriffe")), workflow.name
        assert tasks[0].other_person_approves_imports, workflow.name
    assert not GroupApprovalTask.objects.filter(name__startswith="Prüfung: Prüfung vor Veröffentlichung").exists()


def test_the_migration_turns_an_existing_group_approval_task_into_a_review_task(working_groups_de):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("editorial.migrations.0002_review_tasks")
    reviewers = Group.objects.get(name=f"{WALDSHUT} – Prüfung")
    old = GroupApprovalTask.objects.create(name="Prüfung: Prüfung vor Veröffentlichung – Verzeichnis")
    old.groups.add(reviewers)
    workflow = Workflow.objects.create(name="Alter Prüfablauf")
    WorkflowTask.objects.create(workflow=workflow, task=old, sort_order=0)
    section = working_groups_de["ak-migration-waldshut"]
    page = ContentPage(title="Alt im Ablauf", slug="alt-im-ablauf", teaser="Alt", live=False)
    section.add_child(instance=page)
    page.save_revision()
    state = workflow.start(page, None)
    old_task_pk = old.pk
    ReviewTask.objects.filter(name=old.name).delete()  # the one setup made, so that only the old one is converted

    migration.to_review_tasks(apps, None)

    new = ReviewTask.objects.get(name="Prüfung: Prüfung vor Veröffentlichung – Verzeichnis")
    assert not Task.objects.filter(pk=old_task_pk).exists()
    assert list(new.groups.all()) == [reviewers]
    assert new.other_person_approves and new.other_person_approves_imports
    assert [task.specific for task in workflow.tasks] == [new]
    assert TaskState.objects.get(workflow_state=state).task_id == new.pk


@pytest.mark.parametrize("switched_on", [True, False])
def test_submitter_approves_only_where_the_section_allows_it(working_groups_de, switched_on, django_capture_on_commit_callbacks):
    section = working_groups_de["ak-migration-waldshut"]
    task = review_task_of(section)
    task.other_person_approves = switched_on
    task.save()
    submitter, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    page = page_in_review(section, submitter)
    before = database_state()

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(own, page)

    if switched_on:
        assert refused(response)
        assert database_state() == before
        assert ContentPage.objects.get(pk=page.pk).title == "Vier Augen"
        editor_html = own.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert f"/approve/{page.current_workflow_task_state.pk}/" not in editor_html
        _other, colleague = login("pruef-wt-2", f"{WALDSHUT} – Prüfung")
        with django_capture_on_commit_callbacks(execute=True):
            approve(colleague, page)
    assert ContentPage.objects.get(pk=page.pk).title == "Vier Augen (Entwurf)"  # approved: by a colleague or oneself


def test_a_reviewers_own_import_goes_to_review_and_another_reviewer_approves_it(
    working_groups_de, django_capture_on_commit_callbacks
):
    index = EventIndexPage.objects.child_of(working_groups_de["ak-migration-waldshut"]).get()
    importer, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    own.post("/admin/events/import/", {"index": index.pk, "file": SimpleUploadedFile("p.ics", partner_calendar())})
    event = EventPage.objects.get(import_uid="matrix-import@example.org")
    assert not event.live and event.workflow_in_progress
    assert event.current_workflow_state.requested_by == importer
    before = database_state()

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(own, event)

    assert refused(response)
    assert database_state() == before
    _other, colleague = login("pruef-wt-2", f"{WALDSHUT} – Prüfung")
    with django_capture_on_commit_callbacks(execute=True):
        approve(colleague, event)
    assert EventPage.objects.get(pk=event.pk).live


def test_without_the_import_switch_a_reviewers_import_goes_live_at_once(working_groups_de):
    index = EventIndexPage.objects.child_of(working_groups_de["ak-migration-waldshut"]).get()
    task = review_task_of(index)
    task.other_person_approves_imports = False
    task.save()
    _importer, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    own.post("/admin/events/import/", {"index": index.pk, "file": SimpleUploadedFile("p.ics", partner_calendar())})
    assert EventPage.objects.get(import_uid="matrix-import@example.org").live


def test_a_reviewer_does_not_approve_their_own_directory_submission(django_capture_on_commit_callbacks):
    submitter, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    entry = Organisation.objects.get(locale__language_code="de", name="Schulamt")
    entry.name = "Schulamt (Entwurf)"
    entry.save_revision(user=submitter)
    entry.get_workflow().start(entry, submitter)
    entry = Organisation.objects.get(pk=entry.pk)
    assert "approve" not in [name for name, _label, _modal in entry.current_workflow_task.specific.get_actions(entry, submitter)]
    before = database_state()

    with django_capture_on_commit_callbacks(execute=True):
        response = approve(own, entry)

    assert refused(response)
    assert database_state() == before
    assert WorkflowState.objects.get(pk=entry.current_workflow_state.pk).status == WorkflowState.STATUS_IN_PROGRESS
