"""Issue 17, an editor's week: „Prüfen bis“ on pages, events and directory entries, the overdue list on the
start page and in the weekly reminder, „zuletzt geprüft am“ for visitors, review mails with the real
site address, and the German editors' guide behind the admin's help link."""

from datetime import date, timedelta
from io import StringIO

import pytest
from babel.dates import format_date
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage
from home.models import ContentPage
from orgdirectory.admin_listing import months_before
from orgdirectory.models import Organisation
from tests.orgdirectory_helpers import directory_url, make_organisation
from tests.roles import login
from tests.test_editorial import submit

pytestmark = pytest.mark.django_db

SITE = "https://www.ak-migration-hochrhein.example"


@pytest.fixture
def overdue(working_groups_de):
    """One overdue page, event and entry in Waldshut, one overdue page in Lörrach, one Waldshut page not yet due."""
    today = timezone.localdate()
    waldshut = working_groups_de["ak-migration-waldshut"]
    loerrach = working_groups_de["ak-migration-loerrach"]
    items = {}
    for key, section, title, review_by in [
        ("wt_page", waldshut, "Beratung Waldshut alt", today - timedelta(days=3)),
        ("wt_later", waldshut, "Beratung Waldshut später", today + timedelta(days=30)),
        ("lo_page", loerrach, "Beratung Lörrach alt", today - timedelta(days=10)),
    ]:
        page = ContentPage(title=title, slug=key.replace("_", "-"), review_by=review_by)
        section.add_child(instance=page)
        page.save_revision().publish()
        items[key] = page
    event = EventPage.objects.descendant_of(waldshut).filter(locale=waldshut.locale).first()
    EventPage.objects.filter(pk=event.pk).update(review_by=today - timedelta(days=1))
    items["wt_event"] = event
    items["wt_entry"] = make_organisation(
        "pruef-eintrag-wt", "Prüfstelle Waldshut", groups=[waldshut], review_by=today - timedelta(days=40)
    )
    return items


def edit_url(item):
    if isinstance(item, Organisation):
        return reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[item.pk])
    return reverse("wagtailadmin_pages:edit", args=[item.pk])


def test_start_page_lists_the_groups_overdue_items_with_edit_links(overdue):
    _, client = login("red-wt-17", "AK Migration Waldshut – Redaktion")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Überfällig zur Prüfung: 3" in html
    for key in ("wt_page", "wt_event", "wt_entry"):
        assert f'href="{edit_url(overdue[key])}"' in html
    assert "Beratung Waldshut später" not in html
    assert "Beratung Lörrach alt" not in html and edit_url(overdue["lo_page"]) not in html


@pytest.mark.parametrize("group", ["AK Migration Lörrach – Redaktion", "AK Migration Lörrach – Prüfung",
                                   "Projektgruppe Arbeitsmarkt – Redaktion"])
def test_another_groups_editor_never_sees_waldshuts_overdue_items(overdue, group):
    _, client = login("andere-17", group)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for key in ("wt_page", "wt_event", "wt_entry"):
        assert edit_url(overdue[key]) not in html
    assert "Prüfstelle Waldshut" not in html and "Beratung Waldshut alt" not in html
    if group.startswith("AK Migration Lörrach"):
        assert "Überfällig zur Prüfung: 1" in html and f'href="{edit_url(overdue["lo_page"])}"' in html


def test_weekly_reminder_mails_each_groups_editors_their_own_items_with_absolute_links(overdue, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE + "/"
    login("red-wt-17", "AK Migration Waldshut – Redaktion")
    login("red-lo-17", "AK Migration Lörrach – Redaktion")
    output = StringIO()
    call_command("send_review_reminders", stdout=output)

    waldshut = [message for message in mail.outbox if message.to == ["red-wt-17@example.org"]]
    assert len(waldshut) == 1
    body = waldshut[0].body
    assert waldshut[0].subject.startswith("Überfällig zur Prüfung: 3")
    for key in ("wt_page", "wt_event", "wt_entry"):
        assert f"{SITE}{edit_url(overdue[key])}\n" in body
    assert "Beratung Lörrach alt" not in body and "Beratung Waldshut später" not in body
    assert "localhost" not in body and "127.0.0.1" not in body

    loerrach = [message for message in mail.outbox if message.to == ["red-lo-17@example.org"]]
    assert len(loerrach) == 1
    assert f"{SITE}{edit_url(overdue['lo_page'])}\n" in loerrach[0].body and "Waldshut" not in loerrach[0].body
    assert "gesendet: red-wt-17@example.org: Überfällig zur Prüfung: 3" in output.getvalue()


def test_reminder_dry_run_sends_nothing_and_says_the_same_every_time(overdue):
    login("red-wt-17", "AK Migration Waldshut – Redaktion")
    first, second = StringIO(), StringIO()
    call_command("send_review_reminders", "--dry-run", stdout=first)
    call_command("send_review_reminders", "--dry-run", stdout=second)
    assert mail.outbox == []
    assert first.getvalue() == second.getvalue()
    assert "Probelauf, nicht gesendet: red-wt-17@example.org: Überfällig zur Prüfung: 3" in first.getvalue()


def test_nothing_overdue_sends_no_reminder(db):
    output = StringIO()
    call_command("send_review_reminders", stdout=output)
    assert mail.outbox == []
    assert "Nichts überfällig" in output.getvalue()


def test_submitted_for_review_mail_links_to_the_configured_site_address(working_groups_de, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    page = ContentPage(title="Sprachcafé Mail", slug="sprachcafe-mail", teaser="Alt", live=False)
    working_groups_de["ak-migration-waldshut"].add_child(instance=page)
    page.save_revision()
    reviewer, _ = login("pruef-wt-17", "AK Migration Waldshut – Prüfung")
    _, editor = login("red-wt-17", "AK Migration Waldshut – Redaktion")
    mail.outbox.clear()
    assert submit(editor, page, teaser="Neu").status_code == 302
    to_reviewer = [message for message in mail.outbox if message.to == [reviewer.email]]
    assert to_reviewer, [message.to for message in mail.outbox]
    body = to_reviewer[0].body
    assert f"{SITE}/admin/pages/{page.pk}/edit/" in body
    assert "localhost" not in body and "127.0.0.1" not in body


def test_directory_entry_shows_when_it_was_last_checked_in_the_visitors_language(db):
    entry = make_organisation("geprueft-17", "Geprüfte Beratungsstelle")
    Organisation.objects.filter(translation_key=entry.translation_key).update(last_checked=date(2026, 3, 3))
    german = directory_url("de") + "geprueft-17/"
    assert "zuletzt geprüft am 3. März 2026" in _client_get(german)
    english = directory_url("en") + "geprueft-17/"
    assert "last checked on March 3, 2026" in _client_get(english)
    arabic = directory_url("ar") + "geprueft-17/"
    assert f"آخر فحص في {format_date(date(2026, 3, 3), format='long', locale='ar')}" in _client_get(arabic)


def test_directory_entry_checked_by_nobody_shows_no_date(db):
    make_organisation("ungeprueft-17", "Ungeprüfte Beratungsstelle")
    html = _client_get(directory_url("de") + "ungeprueft-17/")
    assert "Ungeprüfte Beratungsstelle" in html and "zuletzt geprüft" not in html


def _client_get(url):
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def form_data(form):
    """What the admin's edit form posts unchanged for ``form`` (an unbound form of an entry without inline rows)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == "":
            continue
        data[name] = "on" if value is True else value
    for prefix in form.formsets:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return data


def test_ticking_geprueft_sets_last_checked_in_the_draft_and_visitors_see_it_once_published(working_groups_de):
    entry = make_organisation("ankreuzen-17", "Zum Ankreuzen", groups=[working_groups_de["ak-migration-waldshut"]])
    Organisation.objects.filter(pk=entry.pk).update(last_checked=None)
    user, client = login("red-wt-17", "AK Migration Waldshut – Redaktion")
    form_class = Organisation.snippet_viewset.get_edit_handler().get_form_class()
    assert form_class.base_fields["checked"].label == "geprüft"
    entry = Organisation.objects.get(pk=entry.pk)
    data = form_data(form_class(instance=entry, for_user=user))
    data.update({"memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1",
                 "memberships-0-id": str(entry.memberships.get().pk),
                 "memberships-0-page": str(working_groups_de["ak-migration-waldshut"].pk),
                 "memberships-0-position": "0", "memberships-0-ORDER": "1", "checked": "on"})
    response = client.post(reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[entry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry.refresh_from_db()
    assert entry.last_checked is None  # the live entry is unchanged until the draft is approved
    assert entry.latest_revision.as_object().last_checked == timezone.localdate()
    entry.latest_revision.publish()
    entry.refresh_from_db()
    assert entry.last_checked == timezone.localdate()


def test_directory_list_filter_not_checked_since(db):
    today = timezone.localdate()
    recent = make_organisation("frisch-17", "Frisch Geprüft 17")
    old = make_organisation("alt-17", "Lange Ungeprüft 17")
    never = make_organisation("nie-17", "Nie Geprüft 17")
    Organisation.objects.filter(pk=recent.pk).update(last_checked=today - timedelta(days=30))
    Organisation.objects.filter(pk=old.pk).update(last_checked=months_before(today, 8))
    admin = get_user_model().objects.create_superuser("chef-17", "chef-17@example.org", "pw-Xy7!long-17")
    from django.test import Client

    client = Client()
    client.force_login(admin)
    listing = reverse("wagtailsnippets_orgdirectory_organisation:list")
    html = client.get(listing, {"not_checked_since": "6", "q": "17"}).content.decode()
    assert "Lange Ungeprüft 17" in html and "Nie Geprüft 17" in html and "Frisch Geprüft 17" not in html
    html = client.get(listing, {"not_checked_since": "12", "q": "17"}).content.decode()
    assert "Nie Geprüft 17" in html and "Lange Ungeprüft 17" not in html and "Frisch Geprüft 17" not in html
    assert "Nicht geprüft seit" in client.get(listing).content.decode()
    assert never.last_checked is None


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_editors_guide_answers_an_editor_in_german_with_the_weeks_tasks(db):
    _, client = login("red-wt-17", "AK Migration Waldshut – Redaktion")
    response = client.get(reverse("editors_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Nachricht anlegen", "Veranstaltung oder Serie, ein Termin fällt aus", "Verzeichniseintrag pflegen",
                    "Zur Prüfung einreichen", "Freigeben", "Übersetzungen", "Prüfen bis"):
        assert f">{heading}</h2>" in html


def test_start_page_and_help_menu_point_to_the_german_guide(db):
    _, client = login("red-wt-17", "AK Migration Waldshut – Redaktion")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    guide = reverse("editors_guide")
    assert f'<a class="my-group-guide" href="{guide}">' in html
    assert "editors-guide" in html and "Anleitung für die Redaktion" in html
    assert '"editor-guide"' not in html and "&quot;editor-guide&quot;" not in html
    assert "whats-new-in-wagtail" not in html and "wagtail.org" not in html


def test_guide_is_for_signed_in_users_only(client):
    response = client.get(reverse("editors_guide"))
    assert response.status_code == 302 and "/login/" in response["Location"]
