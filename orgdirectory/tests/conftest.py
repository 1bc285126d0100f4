"""Small data of the plugin's own tests: a directory page below the default site's root and a few entries."""

from datetime import UTC, datetime, time

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from orgdirectory import opening_hours
from orgdirectory.models import (
    Category,
    DirectoryPage,
    Membership,
    OpeningInterval,
    Organisation,
    OrganisationLanguage,
    Region,
)


@pytest.fixture(autouse=True)
def german_interface():
    """Every test starts in German, the source language, whatever the previous test activated."""
    translation.activate("de")
    yield
    translation.deactivate()


# Monday 2026-11-23, 16:30 UTC: 11:30 in New York (the test host's TIME_ZONE), 17:30 in Berlin.
NOW = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(opening_hours, "now_local", lambda: NOW.astimezone(opening_hours.time_zone()))


@pytest.fixture
def german(db):
    return Locale.objects.get_or_create(language_code="de")[0]


@pytest.fixture
def arabic(db):
    return Locale.objects.get_or_create(language_code="ar")[0]


@pytest.fixture
def region(german):
    return Region.objects.create(name="Nordkreis", slug="nordkreis", locale=german)


@pytest.fixture
def category(german):
    return Category.objects.create(name="Beratung", slug="beratung", locale=german)


@pytest.fixture
def directory(german):
    root = Page.objects.get(depth=2, locale=german)
    page = DirectoryPage(title="Verzeichnis", slug="verzeichnis", intro="<p>Wer hilft?</p>")
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def group_page(german):
    root = Page.objects.get(depth=2, locale=german)
    page = Page(title="Arbeitskreis Nord", slug="ak-nord")
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish(german, key, name, *, hours=(), languages=(), groups=(), **fields):
    """A German entry published like an editor does; ``hours`` are ``(weekday, opens, closes)``."""
    organisation = Organisation(key=key, name=name, locale=german, live=True, **fields)
    organisation.opening_intervals = [OpeningInterval(weekday=d, opens=o, closes=c) for d, o, c in hours]
    organisation.advice_languages = [OrganisationLanguage(code=code) for code in languages]
    organisation.memberships = [Membership(page=page, position=index) for index, page in enumerate(groups)]
    organisation.save()
    organisation.save_revision().publish()
    return organisation


@pytest.fixture
def entries(german, region, category, group_page):
    office = publish(
        german, "beratungsstelle-nord", "Beratungsstelle Nord", category=category, county=region,
        street="Hauptstraße 1", postcode="12345", town="Nordstadt", phone="+49 (0)1234 / 56-78",
        email="nord@example.org", website="https://example.org",
        hours=[(0, time(9), time(17))], languages=["ar", "es"], groups=[group_page],
    )
    course = publish(german, "sprachcafe", "Sprachcafé", town="Südstadt")
    return office, course
