"""What editors type: clear German errors in the admin, and what they typed is kept."""

import re
from datetime import date, time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from orgdirectory.languages import advice_language_choices, native_name
from orgdirectory.models import OpeningException, OpeningInterval, Organisation
from tests.orgdirectory_helpers import make_organisation

pytestmark = pytest.mark.django_db


def organisation(**fields):
    german = Locale.objects.get(language_code="de")
    return Organisation(**{"key": "test-stelle", "name": "Teststelle", "locale": german, **fields})


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "07621 abc", "keine gültige Telefonnummer"),
        ("phone", "123", "mindestens 6 Ziffern"),
        ("postcode", "7953", "genau fünf Ziffern"),
        ("email", "beratung@", "gültige E-Mail"),
        ("website", "www example", "gültige URL"),
        ("key", "Jobcenter Lörrach", "Kleinbuchstaben"),
    ],
)
def test_malformed_contact_data_is_rejected_in_german(field, value, message):
    with pytest.raises(ValidationError) as error:
        organisation(**{field: value}).full_clean(exclude=["translation_key"])
    assert message in " ".join(error.value.message_dict[field])


def test_valid_contact_data_passes():
    organisation(phone="+49 (0)7621 / 12-34", postcode="79539", email="info@example.org",
                 website="https://example.org").full_clean(exclude=["translation_key"])


def test_interval_ending_before_it_starts_needs_the_overnight_tick():
    with pytest.raises(ValidationError) as error:
        OpeningInterval(weekday=0, opens=time(14), closes=time(8)).clean()
    assert "liegt vor dem Beginn" in error.value.message_dict["closes"][0]
    OpeningInterval(weekday=0, opens=time(22), closes=time(2), closes_next_day=True).clean()
    with pytest.raises(ValidationError):
        OpeningInterval(weekday=0, opens=time(8), closes=time(8)).clean()
    with pytest.raises(ValidationError):
        OpeningInterval(weekday=0, opens=time(8), closes=time(9), closes_next_day=True).clean()


def test_exception_is_either_closed_or_has_times():
    OpeningException(day=date(2026, 12, 24), closed=True).clean()
    with pytest.raises(ValidationError):
        OpeningException(day=date(2026, 12, 24), closed=False).clean()
    with pytest.raises(ValidationError):
        OpeningException(day=date(2026, 12, 24), closed=False, opens=time(12), closes=time(10)).clean()


def test_coordinates_come_in_pairs():
    with pytest.raises(ValidationError) as error:
        organisation(latitude="47.6").full_clean(exclude=["translation_key"])
    assert "Breitengrad und Längengrad" in error.value.message_dict["longitude"][0]


def test_advice_languages_are_offered_by_native_name():
    choices = dict(advice_language_choices())
    assert choices["ar"] == "العربية" and choices["uk"] == "Українська" and choices["pl"] == "Polski"
    assert native_name("prs") == "دری" and native_name("ckb") == "کوردی"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("od-admin", "od@example.org", "pw-od-admin-123")
    client.force_login(user)
    return client


def inline_management(prefix, total=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_admin_form_shows_german_errors_and_keeps_what_was_typed(admin_client):
    data = {
        "name": "Beratungsstelle Test", "key": "beratungsstelle-test", "phone": "07621 abc",
        "postcode": "79 53", "email": "kein-mail", "website": "example", "town": "Lörrach",
        **inline_management("opening_intervals", 1),
        "opening_intervals-0-weekday": "0", "opening_intervals-0-opens": "14:00",
        "opening_intervals-0-closes": "08:00", "opening_intervals-0-ORDER": "1",
        **inline_management("opening_exceptions"), **inline_management("advice_languages"),
        **inline_management("memberships"),
    }
    url = reverse("wagtailsnippets_orgdirectory_organisation:add") + "?locale=de"
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    html = response.content.decode()
    assert "keine gültige Telefonnummer" in html
    assert "genau fünf Ziffern" in html
    assert "gültige E-Mail" in html
    assert "liegt vor dem Beginn" in html
    assert re.search(r'name="phone"[^>]*value="07621 abc"', html) or 'value="07621 abc"' in html
    assert 'value="kein-mail"' in html
    assert not Organisation.objects.filter(key="beratungsstelle-test").exists()


def test_admin_listing_and_edit_view_answer(admin_client):
    entry = make_organisation("admin-test", "Admin-Test", hours=[(0, "08:00", "12:00")], languages=["ar"])
    assert admin_client.get(reverse("wagtailsnippets_orgdirectory_organisation:list")).status_code == 200
    response = admin_client.get(reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[entry.pk]))
    assert response.status_code == 200
    assert "Sprache der Beratung" in response.content.decode()


def test_translated_entry_keeps_address_and_hours_of_the_german_one():
    from translations.store import translate

    entry = make_organisation("sync-test", "Synchron-Test", phone="07621 123456", town="Lörrach",
                              hours=[(0, "08:00", "12:00")], languages=["ar"], description="<p>Hilfe bei Anträgen</p>")
    english = Locale.objects.get(language_code="en")
    translated = translate(entry, english, {"Hilfe bei Anträgen": "Help with applications"})
    assert translated.description == "<p>Help with applications</p>"
    assert translated.phone == "07621 123456" and translated.town == "Lörrach"
    assert [item.code for item in translated.advice_languages.all()] == ["ar"]
    assert translated.opening_intervals.count() == 1


def test_preview_shows_the_entry_as_visitors_would_see_it(rf):
    entry = make_organisation("vorschau", "Vorschau-Stelle", phone="07621 123456", hours=[(2, "09:00", "11:00")],
                              languages=["uk"])
    request = rf.get("/")
    response = entry.serve_preview(request, entry.default_preview_mode)
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "Vorschau-Stelle" in html
    assert 'href="tel:07621123456"' in html
    assert "Українська" in html and "09:00–11:00" in html
