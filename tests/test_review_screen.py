"""The reviewer's screen (editorial/review_screen.py): the dashboard leads to the change with what differs from the
live version, and „Freigeben“ / „Änderungen anfordern“ as visible buttons that post to Wagtail's workflow action
URLs; the person who submitted gets no approve button where the section wants another person, and a crafted
POST of theirs is refused."""

import re
from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from editorial.models import review_task_of
from home.models import ContentPage, NewsIndexPage, NewsPage
from orgdirectory.models import Organisation
from tests.roles import LOERRACH, WALDSHUT, login
from tests.test_four_eyes import database_state, page_in_review, refused

pytestmark = pytest.mark.django_db


def screen_url(obj):
    return reverse("editorial_review", args=[obj.current_workflow_task_state.pk])


def forms(html):
    """(action URL, button label) of every form on the review screen."""
    found = []
    for form in re.findall(r"<form[^>]*review-screen__\w+.*?</form>", html, re.S):
        action = re.search(r'action="([^"]+)"', form).group(1)
        label = re.sub(r"<[^>]+>|\s+", " ", re.search(r"<button.*?</button>", form, re.S).group(0)).strip()
        found.append((action, label))
    return found


def test_the_dashboard_leads_the_reviewer_to_the_changes_and_the_buttons(
    working_groups_de, django_capture_on_commit_callbacks
):
    section = working_groups_de["ak-migration-waldshut"]
    editor, _editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    page = page_in_review(section, editor)
    _reviewer, client = login("pruef-wt", f"{WALDSHUT} – Prüfung")

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{screen_url(page)}"' in dashboard

    html = client.get(screen_url(page)).content.decode()
    assert "Vier Augen (Entwurf)" in html and "Eingereicht von red-wt" in html
    assert re.search(r"<span class=\"addition\">\s*\(Entwurf\)\s*</span>", html)  # the diff against the live title
    task_state = page.current_workflow_task_state.pk
    assert forms(html) == [
        (reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state]), "Freigeben"),
        (reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state]), "Änderungen anfordern"),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(forms(html)[0][0], {"comment": "", "next": screen_url(page)})
    assert response.status_code == 302
    assert ContentPage.objects.get(pk=page.pk).title == "Vier Augen (Entwurf)"
    after = client.get(response["Location"]).content.decode()
    assert "Diese Prüfung ist abgeschlossen: freigegeben." in after and not forms(after)


def test_requesting_changes_with_a_comment(working_groups_de, django_capture_on_commit_callbacks):
    section = working_groups_de["ak-migration-waldshut"]
    editor, _editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    page = page_in_review(section, editor)
    _reviewer, client = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    task_state = page.current_workflow_task_state
    reject_url = forms(client.get(screen_url(page)).content.decode())[1][0]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reject_url, {"comment": "Bitte das Datum ergänzen.", "next": screen_url(page)})

    task_state = TaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == "Bitte das Datum ergänzen."
    assert ContentPage.objects.get(pk=page.pk).title == "Vier Augen"


def test_a_new_page_shows_every_field_as_new(working_groups_de):
    section = working_groups_de["ak-migration-waldshut"]
    editor, _editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    page = ContentPage(title="Ganz neu", slug="ganz-neu", teaser="Erster Anriss", live=False)
    section.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    _reviewer, client = login("pruef-wt", f"{WALDSHUT} – Prüfung")

    response = client.get(screen_url(ContentPage.objects.get(pk=page.pk)))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Neu, noch nicht veröffentlicht" in html
    assert re.search(r"<span class=\"addition\">\s*Erster Anriss\s*</span>", html)


def test_the_submitter_sees_no_approve_button_and_a_crafted_post_is_refused(
    working_groups_de, django_capture_on_commit_callbacks
):
    section = working_groups_de["ak-migration-waldshut"]
    task = review_task_of(section)
    task.other_person_approves = True
    task.save()
    submitter, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    page = page_in_review(section, submitter)

    html = own.get(screen_url(page)).content.decode()
    assert [label for _url, label in forms(html)] == ["Änderungen anfordern"]
    assert "Vier-Augen-Prinzip" in html

    before = database_state()
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", page.current_workflow_task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = own.post(approve_url, {"comment": "", "next": screen_url(page)})
    assert refused(response)
    assert database_state() == before


def test_the_submitting_editor_cannot_approve_by_a_crafted_post(working_groups_de, django_capture_on_commit_callbacks):
    section = working_groups_de["ak-migration-waldshut"]
    editor, client = login("red-wt", f"{WALDSHUT} – Redaktion")
    page = page_in_review(section, editor)

    assert not forms(client.get(screen_url(page)).content.decode())
    before = database_state()
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", page.current_workflow_task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url, {"comment": ""})

    assert refused(response)
    assert database_state() == before
    assert ContentPage.objects.get(pk=page.pk).title == "Vier Augen"


def test_another_working_group_does_not_see_the_screen(working_groups_de):
    section = working_groups_de["ak-migration-waldshut"]
    editor, _editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    page = page_in_review(section, editor)
    _other, client = login("pruef-lo", f"{LOERRACH} – Prüfung")

    assert client.get(screen_url(page)).status_code in (302, 403)


def test_a_directory_entry_under_review(django_capture_on_commit_callbacks):
    editor, _editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    entry = Organisation.objects.get(locale__language_code="de", name="Schulamt")
    entry.name = "Schulamt (geändert)"
    entry.save_revision(user=editor)
    entry.get_workflow().start(entry, editor)
    entry = Organisation.objects.get(pk=entry.pk)
    _reviewer, client = login("pruef-wt", f"{WALDSHUT} – Prüfung")

    html = client.get(screen_url(entry)).content.decode()

    assert re.search(r"<span class=\"addition\">\s*\(geändert\)\s*</span>", html)
    approve_url, label = forms(html)[0]
    assert label == "Freigeben"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url, {"comment": ""})
    assert Organisation.objects.get(pk=entry.pk).name == "Schulamt (geändert)"


def test_dates_and_empty_fields_read_as_german_not_as_python_values(working_groups_de):
    """Wagtail's comparison printed „None“ for an unset review date and ISO dates such as 2026-12-03."""
    section = working_groups_de["ak-migration-waldshut"]
    news_index = NewsIndexPage.objects.child_of(section).get()
    editor, _editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    page = NewsPage(title="Neu im Dezember", slug="neu-im-dezember", teaser="Kurz", date=date(2026, 12, 3), live=False)
    news_index.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    _reviewer, client = login("pruef-wt", f"{WALDSHUT} – Prüfung")

    html = client.get(screen_url(NewsPage.objects.get(pk=page.pk))).content.decode()

    assert re.search(r"<span class=\"addition\">\s*3\. Dezember 2026\s*</span>", html)
    assert "2026-12-03" not in html
    assert not re.search(r">\s*None\s*<", html)
