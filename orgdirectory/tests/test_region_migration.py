"""Migration 0002: the fixed county choices become ``Region`` rows, and every entry keeps its assignment."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("orgdirectory", "0001_initial")]
AFTER = [("orgdirectory", "0002_region")]


@pytest.mark.django_db(transaction=True)
def test_each_distinct_stored_value_becomes_one_region_per_locale():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Locale = old.get_model("wagtailcore", "Locale")
    Organisation = old.get_model("orgdirectory", "Organisation")
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.get_or_create(language_code="en")[0]
    for key, county, locale in [("a", "nordkreis", german), ("b", "nordkreis", german), ("a", "nordkreis", english),
                                ("c", "suedkreis", german), ("d", "", german)]:
        Organisation.objects.create(key=key, name=key.upper(), county=county, locale=locale, live=True)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Region = new.get_model("orgdirectory", "Region")
    Organisation = new.get_model("orgdirectory", "Organisation")
    assert sorted(Region.objects.values_list("slug", "locale__language_code")) == [
        ("nordkreis", "de"), ("nordkreis", "en"), ("suedkreis", "de")
    ]
    north = Region.objects.filter(slug="nordkreis")
    assert len({region.translation_key for region in north}) == 1  # one region in two languages
    assignments = {
        (item.key, item.locale.language_code): item.county.slug if item.county else None
        for item in Organisation.objects.select_related("county", "locale")
    }
    assert assignments == {("a", "de"): "nordkreis", ("b", "de"): "nordkreis", ("a", "en"): "nordkreis",
                           ("c", "de"): "suedkreis", ("d", "de"): None}
