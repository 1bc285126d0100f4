"""The permission matrix of the README ("Editors, review and translation"): every role × every action,
on the Waldshut group's own page, event, directory entry, image and document, through crafted requests
to the admin, wagtail-localize and import URLs. Allowed exactly where the table says; after every refusal
the database is unchanged (rows, revisions, workflow states, log entries).

"own"/"other" is seen from the role: the Waldshut editor and reviewer act on their own group's content,
the Lörrach editor and reviewer on another group's.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, ModelLogEntry, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from editorial.setup import NETWORK_ADMINS, TRANSLATORS
from events.models import EventIndexPage, EventPage
from home.models import ContentPage
from orgdirectory.models import Organisation
from tests.conftest import page_in

pytestmark = pytest.mark.django_db

ROLES = {
    "editor-own": "AK Migration Waldshut – Redaktion",
    "reviewer-own": "AK Migration Waldshut – Prüfung",
    "editor-other": "AK Migration Lörrach – Redaktion",
    "reviewer-other": "AK Migration Lörrach – Prüfung",
    "translator": TRANSLATORS,
    "network-admin": NETWORK_ADMINS,
    "anonymous": None,
}
Y, N = True, False
# action: allowed for (editor-own, reviewer-own, editor-other, reviewer-other, translator, network-admin, anonymous)
MATRIX = {
    "page: save a draft": (Y, Y, N, N, N, Y, N),
    "page: approve (publish)": (N, Y, N, N, N, Y, N),
    "page: unpublish": (N, Y, N, N, N, Y, N),
    "page: unlock someone else's lock": (N, Y, N, N, N, Y, N),
    "page: approve a change one submitted oneself (section with Vier-Augen-Prinzip)": (N, N, N, N, N, N, N),
    "event: approve (publish)": (N, Y, N, N, N, Y, N),
    "event: unpublish": (N, Y, N, N, N, Y, N),
    "event: import a calendar": (Y, Y, N, N, N, Y, N),
    "event: an import goes live without review (Vier-Augen-Prinzip for imports)": (N, N, N, N, N, N, N),
    "event: approve an import one submitted oneself": (N, N, N, N, N, N, N),
    "event: publish its English translation": (N, N, N, N, N, N, N),
    "entry: open the editor": (Y, Y, N, N, N, Y, N),
    "entry: read the draft's history": (Y, Y, N, N, N, Y, N),
    "entry: approve (publish)": (N, Y, N, N, N, Y, N),
    "entry: unpublish": (N, Y, N, N, N, Y, N),
    "entry: delete": (N, N, N, N, N, Y, N),
    "entry: publish its English translation": (N, N, N, N, N, N, N),
    "image: change": (Y, Y, N, N, N, Y, N),
    "document: change": (Y, Y, N, N, N, Y, N),
}


def make_client(role):
    client = Client()
    if ROLES[role] is None:
        return None, client
    user = get_user_model().objects.create_user(f"m-{role}", f"m-{role}@example.org", "pw-Long-enough-1")
    user.groups.add(Group.objects.get(name=ROLES[role]))
    client.force_login(user)
    return user, client


def submitter():
    user = get_user_model().objects.create_user("m-author", "m-author@example.org", "pw-Long-enough-1")
    user.groups.add(Group.objects.get(name=ROLES["editor-own"]))
    return user


def database_state():
    """What a refusal must leave as it was."""
    return (
        list(ContentPage.objects.order_by("pk").values("pk", "title", "live", "locked", "locked_by_id", "latest_revision_id")),
        list(EventPage.objects.order_by("pk").values("pk", "title", "live", "latest_revision_id")),
        list(Organisation.objects.order_by("pk").values("pk", "name", "live", "latest_revision_id")),
        list(Image.objects.order_by("pk").values("pk", "title")),
        list(Document.objects.order_by("pk").values("pk", "title")),
        Revision.objects.count(),
        list(WorkflowState.objects.order_by("pk").values("pk", "status")),
        list(TaskState.objects.order_by("pk").values("pk", "status")),
        PageLogEntry.objects.count(),
        ModelLogEntry.objects.count(),
    )


class Content:
    """The Waldshut group's content every action works on, set up as an attacker would find it."""

    def __init__(self, working_groups_de):
        self.section = working_groups_de["ak-migration-waldshut"]
        self.author = submitter()
        self.page = ContentPage(title="Matrix-Seite", slug="matrix-seite", teaser="Alt")
        self.section.add_child(instance=self.page)
        self.page.save_revision(user=self.author).publish()
        self.page.title = "Matrix-Seite (Entwurf)"
        self.page.save_revision(user=self.author)
        self.page.get_workflow().start(self.page, self.author)
        self.page.refresh_from_db()

        self.free_page = ContentPage(title="Matrix-Seite ohne Prüfung", slug="matrix-frei", teaser="Alt")
        self.section.add_child(instance=self.free_page)
        self.free_page.save_revision(user=self.author).publish()

        self.locked_page = ContentPage(title="Gesperrte Seite", slug="matrix-gesperrt", teaser="Alt")
        self.section.add_child(instance=self.locked_page)
        self.locked_page.save_revision(user=self.author).publish()
        ContentPage.objects.filter(pk=self.locked_page.pk).update(locked=True, locked_by=self.author)

        self.index = EventIndexPage.objects.child_of(self.section).get()
        self.event = EventPage.objects.child_of(self.index).live().first()
        self.event.title = self.event.title + " (Entwurf)"
        self.event.save_revision(user=self.author)
        self.event.get_workflow().start(self.event, self.author)
        self.event.refresh_from_db()

        self.entry = Organisation.objects.get(locale__language_code="de", name="Schulamt")
        self.entry.name = "Schulamt (Entwurf)"
        self.entry.save_revision(user=self.author)
        self.entry.get_workflow().start(self.entry, self.author)
        self.entry = Organisation.objects.get(pk=self.entry.pk)

        collection = Collection.get_first_root_node().get_children().get(name=self.section.short_name or self.section.title)
        buffer = io.BytesIO()
        PillowImage.new("RGB", (40, 30), (200, 40, 40)).save(buffer, "PNG")
        self.image = Image.objects.create(title="Matrix-Bild", collection=collection, file=ImageFile(buffer, name="matrix.png"))
        self.document = Document.objects.create(
            title="Matrix-Dokument", collection=collection, file=ContentFile(b"Protokoll\n", name="matrix.txt")
        )


def localize_update(client, instance, german_text, english_text):
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    english = page_in(instance, "en").locale if hasattr(instance, "path") else None
    english = english or type(instance).objects.get(translation_key=instance.translation_key, locale__language_code="en").locale
    Translation.objects.get_or_create(source=source, target_locale=english, defaults={"enabled": True})
    segment = StringSegment.objects.get(source=source, string__data=german_text)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string, locale=english, context=segment.context,
        defaults={"data": english_text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )
    return client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"})


def partner_calendar():
    from datetime import timedelta

    from django.utils import timezone
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Partner//DE")
    calendar.add("version", "2.0")
    event = Event()
    start = (timezone.now() + timedelta(days=12)).replace(microsecond=0)
    event.add("uid", "matrix-import@example.org")
    event.add("summary", "Matrix-Import")
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(hours=1))
    calendar.add_component(event)
    return calendar.to_ical()


def act(action, client, user, content):
    """Send the crafted request; return a function telling whether the action took effect."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    page, event, entry = content.page, content.event, content.entry
    snippet = "wagtailsnippets_orgdirectory_organisation"
    if action == "page: save a draft":
        free = content.free_page  # not in review: a page in review is locked for everyone but its reviewers
        data = nested_form_data({"title": "Matrix-Seite (geändert)", "slug": free.slug, "teaser": "Neu", "body": streamfield([])})
        client.post(reverse("wagtailadmin_pages:edit", args=[free.pk]), data)
        return lambda: ContentPage.objects.get(pk=free.pk).get_latest_revision().as_object().title == "Matrix-Seite (geändert)"
    if action in ("page: approve (publish)", "event: approve (publish)"):
        target = page if action.startswith("page") else event
        task_state = target.current_workflow_task_state
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[target.pk, "approve", task_state.pk]), {"comment": ""})
        return lambda: type(target).objects.get(pk=target.pk).title.endswith("(Entwurf)")
    if action in ("page: unpublish", "event: unpublish"):
        target = page if action.startswith("page") else event
        client.post(reverse("wagtailadmin_pages:unpublish", args=[target.pk]), {})
        return lambda: not type(target).objects.get(pk=target.pk).live
    if action == "page: approve a change one submitted oneself (section with Vier-Augen-Prinzip)":
        task = page.current_workflow_task.specific
        task.other_person_approves = True
        task.save()
        WorkflowState.objects.filter(pk=page.current_workflow_state.pk).update(requested_by=user or content.author)
        task_state = page.current_workflow_task_state
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {"comment": ""})
        return lambda: ContentPage.objects.get(pk=page.pk).title.endswith("(Entwurf)")
    if action == "event: an import goes live without review (Vier-Augen-Prinzip for imports)":
        client.post("/admin/events/import/", {"index": content.index.pk, "file": SimpleUploadedFile("p.ics", partner_calendar())})
        return lambda: EventPage.objects.filter(import_uid="matrix-import@example.org", live=True).exists()
    if action == "event: approve an import one submitted oneself":
        EventPage.objects.filter(pk=event.pk).update(import_uid="matrix-import-own@example.org")
        WorkflowState.objects.filter(pk=event.current_workflow_state.pk).update(requested_by=user or content.author)
        task_state = event.current_workflow_task_state
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]), {"comment": ""})
        return lambda: EventPage.objects.get(pk=event.pk).title.endswith("(Entwurf)")
    if action == "page: unlock someone else's lock":
        locked = content.locked_page
        client.post(reverse("wagtailadmin_pages:unlock", args=[locked.pk]), {})
        return lambda: not ContentPage.objects.get(pk=locked.pk).locked
    if action == "event: import a calendar":
        client.post("/admin/events/import/", {"index": content.index.pk, "file": SimpleUploadedFile("p.ics", partner_calendar())})
        return lambda: EventPage.objects.filter(import_uid="matrix-import@example.org").exists()
    if action == "event: publish its English translation":
        german = EventPage.objects.get(pk=event.pk)
        localize_update(client, german, german.title, "Matrix English title")
        return lambda: page_in(german, "en").title == "Matrix English title"
    if action == "entry: open the editor":
        response = client.get(reverse(f"{snippet}:edit", args=[entry.pk]))
        return lambda: response.status_code == 200
    if action == "entry: read the draft's history":
        response = client.get(reverse(f"{snippet}:history", args=[entry.pk]))
        return lambda: response.status_code == 200
    if action == "entry: approve (publish)":
        task_state = entry.current_workflow_task_state
        client.post(reverse(f"{snippet}:workflow_action", args=[entry.pk, "approve", task_state.pk]), {"comment": ""})
        return lambda: Organisation.objects.get(pk=entry.pk).name == "Schulamt (Entwurf)"
    if action == "entry: unpublish":
        client.post(reverse(f"{snippet}:unpublish", args=[entry.pk]), {})
        return lambda: not Organisation.objects.get(pk=entry.pk).live
    if action == "entry: delete":
        client.post(reverse(f"{snippet}:delete", args=[entry.pk]), {})
        return lambda: not Organisation.objects.filter(pk=entry.pk).exists()
    if action == "entry: publish its English translation":
        german = Organisation.objects.get(pk=entry.pk)
        localize_update(client, german, "Schulamt", "Matrix School Office")
        return lambda: Organisation.objects.get(translation_key=entry.translation_key, locale__language_code="en").name == "Matrix School Office"
    if action == "image: change":
        client.post(
            reverse("wagtailimages:edit", args=[content.image.pk]),
            {"title": "Matrix-Bild (geändert)", "collection": content.image.collection_id, "tags": ""},
        )
        return lambda: Image.objects.get(pk=content.image.pk).title == "Matrix-Bild (geändert)"
    if action == "document: change":
        client.post(
            reverse("wagtaildocs:edit", args=[content.document.pk]),
            {"title": "Matrix-Dokument (geändert)", "collection": content.document.collection_id, "tags": ""},
        )
        return lambda: Document.objects.get(pk=content.document.pk).title == "Matrix-Dokument (geändert)"
    raise AssertionError(action)


CASES = [(action, role, allowed[index]) for action, allowed in MATRIX.items() for index, role in enumerate(ROLES)]


@pytest.mark.parametrize(("action", "role", "allowed"), CASES, ids=[f"{a} | {r}" for a, r, _ in CASES])
def test_permission_matrix(action, role, allowed, working_groups_de, django_capture_on_commit_callbacks):
    content = Content(working_groups_de)
    user, client = make_client(role)
    before = database_state()

    with django_capture_on_commit_callbacks(execute=True):
        took_effect = act(action, client, user, content)

    if allowed:
        assert took_effect(), f"{role} should be able to: {action}"
    else:
        assert not took_effect(), f"{role} must not be able to: {action}"
        reading = action in ("entry: open the editor", "entry: read the draft's history")
        # A translator's translation is refused publication but kept as a draft in review (a new revision).
        keeps_a_draft = role == "translator" and action.endswith("its English translation")
        # Importing stays allowed where the table says so; the events then wait in review (other rows check that).
        imports_drafts = action.startswith("event: an import") and MATRIX["event: import a calendar"][list(ROLES).index(role)]
        if not reading and not keeps_a_draft and not imports_drafts:
            assert database_state() == before, f"{role}: {action} was refused but changed the database"
