"""The admin's list of directory entries: search, the German entries first, and the editors' filters."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client, django_user_model):
    user = django_user_model.objects.create_superuser("verwaltung", "verwaltung@example.org", "geheim-123")
    client.force_login(user)
    return user


def listed(client, **query):
    response = client.get(reverse("wagtailsnippets_orgdirectory_organisation:list_results"), query)
    assert response.status_code == 200
    html = response.content.decode()
    return {name for name in ("Beratungsstelle Nord", "Sprachcafé", "مركز الاستشارة الشمالي") if name in html}


@pytest.mark.parametrize("query", ["Nord", "beratungsstelle", "Südstadt", '"><svg>', "x" * 500])
def test_admin_search_answers_and_finds_entries_by_part_of_a_name_or_town(client, administrator, entries, query):
    expected = {"Nord": {"Beratungsstelle Nord"}, "beratungsstelle": {"Beratungsstelle Nord"}, "Südstadt": {"Sprachcafé"}}
    assert listed(client, q=query) == expected.get(query, set())


@pytest.fixture
def arabic_office(entries, arabic):
    office, _course = entries
    translation = office.copy_for_translation(arabic)
    translation.name = "مركز الاستشارة الشمالي"
    translation.save()
    return translation


def test_german_entries_are_listed_until_another_language_is_chosen(client, administrator, arabic_office):
    assert listed(client) == {"Beratungsstelle Nord", "Sprachcafé"}
    assert listed(client, locale="ar") == {"مركز الاستشارة الشمالي"}
    assert listed(client, locale="") == {"Beratungsstelle Nord", "Sprachcafé", "مركز الاستشارة الشمالي"}


def test_filters_by_working_group_language_of_advice_and_missing_contact_data(client, administrator, entries, group_page, category):
    assert listed(client, working_group=group_page.pk) == {"Beratungsstelle Nord"}
    assert listed(client, advice_language="ar") == {"Beratungsstelle Nord"}
    assert listed(client, advice_language="pl") == set()
    assert listed(client, contact="fehlt") == {"Sprachcafé"}
    assert listed(client, category=category.pk) == {"Beratungsstelle Nord"}


def test_the_filter_panel_offers_german_choices_only(client, administrator, arabic_office, category):
    from orgdirectory.models import Category

    Category.objects.create(name="استشارة", slug="beratung-ar", locale=arabic_office.locale, translation_key=category.translation_key)
    html = client.get(reverse("wagtailsnippets_orgdirectory_organisation:list")).content.decode()
    assert "Noch ohne Kontaktdaten" in html
    assert "Arbeitskreis Nord" in html
    assert "Beratung" in html and "استشارة" not in html


def test_filter_not_checked_since_six_or_twelve_months(client, administrator, entries):
    from datetime import timedelta

    from django.utils import timezone

    from orgdirectory.admin_listing import months_before
    from orgdirectory.models import Organisation

    office, course = entries
    today = timezone.localdate()
    Organisation.objects.filter(pk=office.pk).update(last_checked=today - timedelta(days=20))
    assert listed(client, not_checked_since="6") == {"Sprachcafé"}  # never checked
    Organisation.objects.filter(pk=office.pk).update(last_checked=months_before(today, 7))
    assert listed(client, not_checked_since="6") == {"Beratungsstelle Nord", "Sprachcafé"}
    assert listed(client, not_checked_since="12") == {"Sprachcafé"}
    assert "Nicht geprüft seit" in client.get(reverse("wagtailsnippets_orgdirectory_organisation:list")).content.decode()
