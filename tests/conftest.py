"""Shared fixtures.

The demo content is loaded once per test session into the test database; each
test then runs inside a transaction that is rolled back, so tests see the demo
site and cannot disturb each other. Browser tests run against their own server
process and database (see ``tests/browser/conftest.py``).
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page

from demo.loader import load_demo_content
from home.models import HomePage, WorkingGroupPage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo_content()


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
