"""„Zur Prüfung einreichen“ on a new page that autosave has already created (issue 17: no 500).

The browser's form still posts to the add view; it is sent on, with the same POST, to the page autosave created.
Crafted requests to the admin URLs, as the browser sends them.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import NewsIndexPage, NewsPage
from tests.roles import WALDSHUT, login

pytestmark = pytest.mark.django_db


def news_form(**changes):
    data = {
        "title": "Sprachcafé im Advent",
        "slug": "sprachcafe-im-advent",
        "date": "2026-12-02",
        "teaser": "Neu",
        "body": streamfield([]),
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return nested_form_data(data)


class FormMissesTheClash:
    """The page form's view of the tree while the other request's page is not saved yet (add_child sees it)."""

    objects = Page.objects

    @staticmethod
    def _slug_is_available(*args, **kwargs):
        return True


@pytest.fixture
def waldshut_news(working_groups_de):
    section = next(page for page in working_groups_de.values() if page.title.endswith("Waldshut"))
    return NewsIndexPage.objects.descendant_of(section).first()


def test_submit_after_autosave_created_the_page_submits_that_page(waldshut_news):
    editor, client = login("red-wt-auto", f"{WALDSHUT} – Redaktion")
    add_url = reverse("wagtailadmin_pages:add", args=("home", "newspage", waldshut_news.pk))
    autosaved = client.post(add_url, news_form(), HTTP_ACCEPT="application/json")
    assert autosaved.status_code == 200 and autosaved.json()["success"]
    page = NewsPage.objects.get(slug="sprachcafe-im-advent", locale=waldshut_news.locale)

    late = client.post(add_url, {**news_form(teaser="Jeden Mittwoch"), "action-submit": "Submit"})

    assert late.status_code == 307
    assert late["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    followed = client.post(late["Location"], {**news_form(teaser="Jeden Mittwoch"), "action-submit": "Submit"})
    assert followed.status_code == 302
    assert NewsPage.objects.filter(slug="sprachcafe-im-advent", locale=waldshut_news.locale).count() == 1
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().teaser == "Jeden Mittwoch"
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()


def test_an_older_draft_with_the_same_address_is_not_taken_over(waldshut_news):
    editor, client = login("red-wt-auto", f"{WALDSHUT} – Redaktion")
    add_url = reverse("wagtailadmin_pages:add", args=("home", "newspage", waldshut_news.pk))
    client.post(add_url, news_form(), HTTP_ACCEPT="application/json")
    Page.objects.filter(slug="sprachcafe-im-advent").update(latest_revision_created_at="2020-01-01T00:00:00Z")

    again = client.post(add_url, {**news_form(teaser="Anderer Text"), "action-submit": "Submit"})

    assert again.status_code == 200
    assert "Anderer Text" in again.content.decode()  # the form comes back with what was typed, not a 500
    assert NewsPage.objects.filter(slug="sprachcafe-im-advent", locale=waldshut_news.locale).count() == 1


def test_another_users_new_page_is_not_taken_over(waldshut_news):
    _, first = login("red-wt-auto", f"{WALDSHUT} – Redaktion")
    _, second = login("red-wt-auto-2", f"{WALDSHUT} – Redaktion")
    add_url = reverse("wagtailadmin_pages:add", args=("home", "newspage", waldshut_news.pk))
    first.post(add_url, news_form(), HTTP_ACCEPT="application/json")

    response = second.post(add_url, {**news_form(), "action-submit": "Submit"})

    assert (
        response.status_code == 200
        and NewsPage.objects.filter(slug="sprachcafe-im-advent", locale=waldshut_news.locale).count() == 1
    )


def test_a_submit_racing_the_autosave_that_creates_the_page_goes_on_to_it(waldshut_news, monkeypatch):
    """Both requests passed the form's address check before either was saved: the second one's add_child finds
    the address taken. Simulated by letting the form's check pass, as it did while the first save was running."""
    editor, client = login("red-wt-auto", f"{WALDSHUT} – Redaktion")
    add_url = reverse("wagtailadmin_pages:add", args=("home", "newspage", waldshut_news.pk))
    client.post(add_url, news_form(), HTTP_ACCEPT="application/json")
    page = NewsPage.objects.get(slug="sprachcafe-im-advent", locale=waldshut_news.locale)
    from editorial import autosaved

    monkeypatch.setattr("wagtail.admin.forms.pages.Page", FormMissesTheClash)

    calls = []

    def found_only_after_the_clash(*args):
        calls.append(args)
        return None if len(calls) == 1 else page

    monkeypatch.setattr(autosaved, "page_autosave_created", found_only_after_the_clash)
    late = client.post(add_url, {**news_form(teaser="Jeden Mittwoch"), "action-submit": "Submit"})

    assert len(calls) == 2  # the hook before the form, then the view after add_child's clash
    assert late.status_code == 307 and late["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert NewsPage.objects.filter(slug="sprachcafe-im-advent", locale=waldshut_news.locale).count() == 1


def test_a_clash_of_addresses_without_an_autosaved_page_is_a_form_error(waldshut_news, monkeypatch):
    _, other = login("red-wt-auto-2", f"{WALDSHUT} – Redaktion")
    _, client = login("red-wt-auto", f"{WALDSHUT} – Redaktion")
    add_url = reverse("wagtailadmin_pages:add", args=("home", "newspage", waldshut_news.pk))
    other.post(add_url, news_form(), HTTP_ACCEPT="application/json")
    monkeypatch.setattr("wagtail.admin.forms.pages.Page", FormMissesTheClash)

    response = client.post(add_url, {**news_form(teaser="Mein Text"), "action-submit": "Submit"})

    assert response.status_code == 200 and "Mein Text" in response.content.decode()
    assert NewsPage.objects.filter(slug="sprachcafe-im-advent", locale=waldshut_news.locale).count() == 1
