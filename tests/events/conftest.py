"""Fixtures of the event calendar tests: the demo site's event indexes and calendar page."""

import pytest

from events.models import CalendarPage, EventIndexPage


@pytest.fixture
def index_loerrach(working_groups_de):
    return EventIndexPage.objects.child_of(working_groups_de["ak-migration-loerrach"]).get()


@pytest.fixture
def index_waldshut(working_groups_de):
    return EventIndexPage.objects.child_of(working_groups_de["ak-migration-waldshut"]).get()


@pytest.fixture
def calendar_de(german):
    return CalendarPage.objects.get(locale=german)
