"""The search box above the admin's list of entries (SQLite is where Wagtail's full-text backend failed)."""

import pytest
from django.urls import reverse


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("verwaltung", "verwaltung@example.org", "geheim-123")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Nord", "beratungsstelle", "Südstadt", '"><svg>', "x" * 500])
def test_admin_search_answers_and_finds_entries_by_part_of_a_name_or_town(client, administrator, entries, query):
    client.force_login(administrator)
    response = client.get(reverse("wagtailsnippets_orgdirectory_organisation:list_results"), {"q": query})
    assert response.status_code == 200
    found = {name for name in ("Beratungsstelle Nord", "Sprachcafé") if name in response.content.decode()}
    expected = {"Nord": {"Beratungsstelle Nord"}, "beratungsstelle": {"Beratungsstelle Nord"}, "Südstadt": {"Sprachcafé"}}
    assert found == expected.get(query, set())
