"""A directory entry's admin views follow its working groups (issue 14, High 3 and 4).

The reviewer of Lörrach sends crafted requests to every view of a Waldshut-only entry: each is refused and
the database is unchanged; the Waldshut reviewer (same requests) is let through.
"""

import pytest
from django.urls import reverse
from wagtail.models import Revision, TaskState, WorkflowState

from orgdirectory.models import Organisation
from tests.roles import LOERRACH, WALDSHUT, login

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_orgdirectory_organisation"


def refused(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def state_of(entry):
    entry = Organisation.objects.get(pk=entry.pk)
    return (
        list(Organisation.objects.filter(translation_key=entry.translation_key).order_by("pk").values()),
        Organisation.objects.count(),
        Revision.objects.count(),
        list(WorkflowState.objects.order_by("pk").values("pk", "status")),
        list(TaskState.objects.order_by("pk").values("pk", "status")),
    )


@pytest.fixture
def entry_in_review():
    """The Waldshut-only „Schulamt“ with a draft its editor submitted for review."""
    entry = Organisation.objects.get(locale__language_code="de", name="Schulamt")
    editor, _client = login("red-wt", f"{WALDSHUT} – Redaktion")
    entry.name = "Schulamt (Entwurf, nur für Waldshut)"
    entry.save_revision(user=editor)
    entry.get_workflow().start(entry, editor)
    return Organisation.objects.get(pk=entry.pk)


def reading_urls(entry):
    revision = entry.latest_revision
    return [
        reverse(f"{VIEWS}:history", args=[entry.pk]),
        reverse(f"{VIEWS}:usage", args=[entry.pk]),
        reverse(f"{VIEWS}:revisions_view", args=[entry.pk, revision.pk]),
        reverse(f"{VIEWS}:revisions_compare", args=[entry.pk, "live", revision.pk]),
        reverse(f"{VIEWS}:preview_on_edit", args=[entry.pk]),
        reverse(f"{VIEWS}:workflow_history", args=[entry.pk]),
        reverse(f"{VIEWS}:edit", args=[entry.pk]),
    ]


def acting_requests(entry):
    task_state = entry.current_workflow_task_state
    return [
        (reverse(f"{VIEWS}:workflow_action", args=[entry.pk, "approve", task_state.pk]), {"comment": ""}),
        (reverse(f"{VIEWS}:workflow_action", args=[entry.pk, "reject", task_state.pk]), {"comment": "nein"}),
        (reverse(f"{VIEWS}:unpublish", args=[entry.pk]), {}),
        (reverse(f"{VIEWS}:delete", args=[entry.pk]), {}),
        (reverse(f"{VIEWS}:lock", args=[entry.pk]), {}),
        (reverse(f"{VIEWS}:unlock", args=[entry.pk]), {}),
        (reverse(f"{VIEWS}:copy", args=[entry.pk]), {}),
    ]


def test_reviewer_of_another_group_can_neither_read_the_draft_nor_act(entry_in_review):
    _user, loerrach = login("pruef-lo", f"{LOERRACH} – Prüfung")
    before = state_of(entry_in_review)

    for url in reading_urls(entry_in_review):
        response = loerrach.get(url)
        assert refused(response), url
        assert "nur für Waldshut" not in response.content.decode()
    for url, data in acting_requests(entry_in_review):
        assert refused(loerrach.post(url, data)), url
        assert state_of(entry_in_review) == before, url

    assert Organisation.objects.get(pk=entry_in_review.pk).name == "Schulamt"


def test_editor_of_another_group_cannot_read_the_draft(entry_in_review):
    _user, editor = login("red-lo", f"{LOERRACH} – Redaktion")
    for url in reading_urls(entry_in_review):
        response = editor.get(url)
        assert refused(response), url
        assert "nur für Waldshut" not in response.content.decode()


def test_reviewer_of_the_entrys_group_reads_and_approves(client, entry_in_review):
    _user, waldshut = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    history = waldshut.get(reverse(f"{VIEWS}:history", args=[entry_in_review.pk]))
    assert history.status_code == 200

    url, data = acting_requests(entry_in_review)[0]
    response = waldshut.post(url, data)

    assert response.status_code == 302 and not refused(response)
    entry = Organisation.objects.get(pk=entry_in_review.pk)
    assert entry.live and entry.name == "Schulamt (Entwurf, nur für Waldshut)"


def test_localize_snippet_api_lists_no_other_groups_drafts(entry_in_review):
    draft = Organisation(
        key="geheimer-entwurf", name="Geheimer Entwurf Waldshut", locale=entry_in_review.locale, live=False
    )
    draft.save()
    _user, loerrach = login("pruef-lo", f"{LOERRACH} – Prüfung")
    listing = loerrach.get(reverse("wagtail_localize:snippets_api_listing", args=["orgdirectory", "organisation"]))
    assert listing.status_code == 200
    titles = [item["title"] for item in listing.json()]
    assert "Geheimer Entwurf Waldshut" not in titles
    assert "Schulamt" in titles  # live entries may be chosen by anyone
    detail = loerrach.get(
        reverse("wagtail_localize:snippets_api_detail", args=["orgdirectory", "organisation", draft.pk]), follow=True
    )
    assert detail.status_code in (403, 404)
    assert "Geheimer Entwurf" not in detail.content.decode()


def test_four_eyes_the_submitting_reviewer_cannot_approve_their_own_entry():
    entry = Organisation.objects.get(locale__language_code="de", name="Schulamt")
    author, author_client = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    entry.name = "Schulamt (eigene Freigabe?)"
    entry.save_revision(user=author)
    entry.get_workflow().start(entry, author)
    entry = Organisation.objects.get(pk=entry.pk)
    before = state_of(entry)
    task_state = entry.current_workflow_task_state

    own = author_client.post(
        reverse(f"{VIEWS}:workflow_action", args=[entry.pk, "approve", task_state.pk]), {"comment": ""}
    )
    assert refused(own)
    assert state_of(entry) == before

    _colleague, colleague_client = login("pruef-wt-2", f"{WALDSHUT} – Prüfung")
    response = colleague_client.post(
        reverse(f"{VIEWS}:workflow_action", args=[entry.pk, "approve", task_state.pk]), {"comment": ""}
    )
    assert response.status_code == 302 and not refused(response)
    assert Organisation.objects.get(pk=entry.pk).name == "Schulamt (eigene Freigabe?)"


def test_start_page_offers_a_reviewer_only_the_entries_of_their_own_group(entry_in_review):
    """Wagtail lists every task of the one directory workflow to all its reviewers; the start page does not."""
    _, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    _, other = login("pruef-lo", f"{LOERRACH} – Prüfung")
    mine = (
        own.get(reverse("wagtailadmin_home")).content.decode().split('id="my-group-heading"')[1].split("</section>")[0]
    )
    theirs = (
        other.get(reverse("wagtailadmin_home"))
        .content.decode()
        .split('id="my-group-heading"')[1]
        .split("</section>")[0]
    )
    assert "Warten auf Ihre Prüfung: 1" in mine and "Schulamt" in mine
    assert "Warten auf Ihre Prüfung" not in theirs and "Schulamt" not in theirs


@pytest.mark.parametrize("report", ["workflow", "workflow_results", "workflow_tasks", "workflow_tasks_results"])
def test_workflow_reports_list_another_groups_draft_to_nobody_outside_it(entry_in_review, report):
    """Wagtail lists every snippet in moderation to all who may change the type; the reports follow the entry."""
    url = reverse(f"wagtailadmin_reports:{report}")
    _, own = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    _, other = login("pruef-lo", f"{LOERRACH} – Prüfung")
    mine, theirs = own.get(url), other.get(url)
    assert mine.status_code == theirs.status_code == 200
    assert "nur für Waldshut" in mine.content.decode()
    assert "nur für Waldshut" not in theirs.content.decode()
    export = other.get(url, {"export": "csv"})
    assert "nur für Waldshut" not in b"".join(export.streaming_content).decode()
