"""Shared fixtures.

The test database is a copy of the demo site's database, which is built once per state of
its sources and then reused (``tests/demo_database.py``); each test runs inside a
transaction that is rolled back, so tests see the demo site and cannot disturb each other.
Browser tests run against their own server process and their own copy (see
``tests/browser/conftest.py``).
"""

import dj_database_url
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import HomePage, WorkingGroupPage
from tests import demo_database


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """Point the default connection at a fresh copy of the demo database instead of creating one."""
    url, remove = demo_database.fresh_copy()
    name = dj_database_url.parse(url)["NAME"]
    with django_db_blocker.unblock():
        connections["default"].close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name
    yield
    with django_db_blocker.unblock():
        connections["default"].close()
    remove()


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def german():
    return Locale.objects.get(language_code="de")


@pytest.fixture
def home_de(db, german):
    return HomePage.objects.get(locale=german)


@pytest.fixture
def working_groups_de(db, german):
    return {page.slug: page for page in WorkingGroupPage.objects.filter(locale=german)}


def page_in(page, language_code):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=language_code).specific


@pytest.fixture(autouse=True)
def german_after_each_test():
    """A request through the test client leaves its language active in this thread; without this,
    a test that reads a Tigrinya page would make the next test's error messages Tigrinya."""
    yield
    translation.deactivate()


@pytest.fixture
def frame_cache(settings):
    """The frame cache as in production with Redis, emptied so that no other test's frames are reused."""
    settings.FRAME_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def untranslated_page(home_de, german):
    """A new German page nobody has translated: in every other language an alias showing the German text."""
    from home.models import ContentPage
    from translations.locales import ensure_locales, sync_locale_trees

    page = ContentPage(
        title="Zwiebelturmsprechstunde im Testhaus",
        slug="zwiebelturm-test",
        teaser="Nur auf Deutsch: die Zwiebelturmsprechstunde.",
    )
    home_de.add_child(instance=page)
    page.save_revision().publish()
    sync_locale_trees(*ensure_locales())
    return page


def pytest_terminal_summary(terminalreporter):
    """How long the demo content took to load when this run had to build it (printed, never asserted)."""
    for engine, timings in demo_database.BUILD_SECONDS:
        steps = ", ".join(f"{step} {wall:.0f} s ({cpu:.0f} s CPU)" for step, (wall, cpu) in timings.items())
        terminalreporter.write_line(f"Demo-Datenbank ({engine}) neu gebaut: {steps}")
