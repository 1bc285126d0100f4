"""A small site of our own: a home page, one working group with an event index, and the calendar."""

import pytest
from wagtail.models import Locale, Page

from events.models import CalendarPage, EventIndexPage
from events.tests.support import publish


@pytest.fixture
def home(db):
    return Page.objects.get(depth=2)  # Wagtail's welcome page, root of the default site


@pytest.fixture
def group(home):
    return publish(home, Page(title="Arbeitskreis Nord", slug="nord"))


@pytest.fixture
def index(group):
    return publish(group, EventIndexPage(title="Veranstaltungen", slug="veranstaltungen"))


@pytest.fixture
def calendar(home):
    return publish(home, CalendarPage(title="Kalender", slug="kalender", intro="<p>Alle Termine</p>"))


@pytest.fixture
def arabic(db):
    return Locale.objects.get_or_create(language_code="ar")[0]
