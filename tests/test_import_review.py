"""Imported calendars go through the section's review; translators cannot import; "import by address"
never reaches the server's own network (issue 14, High 2 and 5). Crafted POSTs to /admin/events/import/."""

import socket
import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.models import Revision, WorkflowState

from editorial.setup import TRANSLATORS
from events.models import EventIndexPage, EventPage
from tests.conftest import page_in
from tests.roles import WALDSHUT, login

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/events/import/"



def partner_calendar(title="Partnertreffen Import", uid="partner-1@example.org"):
    calendar = Calendar()
    calendar.add("prodid", "-//Partner//DE")
    calendar.add("version", "2.0")
    event = Event()
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(hours=2))
    calendar.add_component(event)
    return calendar.to_ical()


def upload(client, index, data):
    return client.post(IMPORT_URL, {"index": index.pk, "file": SimpleUploadedFile("partner.ics", data)})


@pytest.fixture
def index_waldshut(working_groups_de):
    return EventIndexPage.objects.child_of(working_groups_de["ak-migration-waldshut"]).get()


def test_editor_import_creates_drafts_in_the_sections_review(client, index_waldshut):
    _user, editor = login("red-wt", f"{WALDSHUT} – Redaktion")

    response = upload(editor, index_waldshut, partner_calendar())

    assert response.status_code == 302
    event = EventPage.objects.child_of(index_waldshut).get(import_uid="partner-1@example.org")
    assert not event.live
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(event.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name.endswith(WALDSHUT)
    assert client.get(event.url or f"{index_waldshut.url}{event.slug}/").status_code == 404
    assert "Partnertreffen Import" not in client.get(index_waldshut.url).content.decode()


def test_editor_reimport_keeps_the_published_version_until_approved(client, index_waldshut):
    from editorial.models import review_task_of

    task = review_task_of(index_waldshut)  # without the Vier-Augen-Prinzip for imports (tests/test_four_eyes.py)
    task.other_person_approves_imports = False
    task.save()
    _reviewer, reviewer_client = login("pruef-wt", f"{WALDSHUT} – Prüfung")
    assert upload(reviewer_client, index_waldshut, partner_calendar()).status_code == 302
    event = EventPage.objects.child_of(index_waldshut).get(import_uid="partner-1@example.org")
    assert event.live  # the reviewer may publish

    _editor, editor_client = login("red-wt", f"{WALDSHUT} – Redaktion")
    assert upload(editor_client, index_waldshut, partner_calendar(title="Geänderter Titel")).status_code == 302

    event.refresh_from_db()
    assert event.live and event.title == "Partnertreffen Import"
    assert "Geänderter Titel" not in client.get(event.url).content.decode()
    assert event.get_latest_revision().as_object().title == "Geänderter Titel"
    assert event.workflow_in_progress


def test_translator_cannot_import_into_any_language(index_waldshut):
    _user, translator = login("uebersetzer", TRANSLATORS)
    english_index = page_in(index_waldshut, "en")
    pages, revisions = EventPage.objects.count(), Revision.objects.count()

    page = translator.get(IMPORT_URL)
    english = upload(translator, english_index, partner_calendar())
    german = upload(translator, index_waldshut, partner_calendar())

    for response in (page, english, german):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] != f"/admin/pages/{english_index.pk}/"
    assert (EventPage.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_import_by_address_of_the_server_itself_is_refused_without_a_connection(index_waldshut):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    accepted = []
    running = True

    def accept():
        while running:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    _user, editor = login("red-wt", f"{WALDSHUT} – Redaktion")
    pages = EventPage.objects.count()
    try:
        answers = [
            editor.post(IMPORT_URL, {"index": index_waldshut.pk, "url": url})
            for url in (
                f"http://127.0.0.1:{port}/admin/",
                f"http://localhost:{port}/",
                f"http://[::ffff:127.0.0.1]:{port}/",
                "http://169.254.169.254/latest/meta-data/",
            )
        ]
    finally:
        running = False
        thread.join(2)
        listener.close()
    texts = set()
    for response in answers:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Der Kalender konnte von dieser Adresse nicht geladen werden." in html
        texts.add(html.count("nicht geladen werden"))
    assert accepted == []
    assert EventPage.objects.count() == pages
