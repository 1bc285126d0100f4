"""Editing conflicts: page locking and revision history are on, and nothing an editor saved is lost."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(django_user_model):
    first = django_user_model.objects.create_superuser("erste", "erste@example.org", "Erste-Redaktion-2031")
    second = django_user_model.objects.create_superuser("zweite", "zweite@example.org", "Zweite-Redaktion-2031")
    return first, second


def test_a_locked_page_cannot_be_published_by_someone_else(client, editors, working_groups_de):
    first, second = editors
    page = working_groups_de["ak-migration-loerrach"]
    client.force_login(first)
    assert client.post(f"/admin/pages/{page.id}/lock/").status_code == 302
    page.refresh_from_db()
    assert page.locked and page.locked_by == first
    lock = page.get_lock()
    assert lock.for_user(second) and not lock.for_user(first)
    client.force_login(second)
    editor = client.get(f"/admin/pages/{page.id}/edit/").content.decode()
    assert "gesperrt" in editor or "locked" in editor.lower()


def test_every_publish_is_kept_in_the_revision_history(client, editors, working_groups_de):
    first, _second = editors
    page = working_groups_de["ak-migration-waldshut"]
    before = page.revisions.count()
    for title in ("Beispiel: erste Fassung", "Beispiel: zweite Fassung"):
        page.title = title
        page.save_revision(user=first).publish()
    assert page.revisions.count() == before + 2
    client.force_login(first)
    history = client.get(f"/admin/pages/{page.id}/history/")
    assert history.status_code == 200
    older = page.revisions.order_by("created_at")[before]
    assert older.as_object().title == "Beispiel: erste Fassung"
    assert Page.objects.get(pk=page.pk).specific.title == "Beispiel: zweite Fassung"
