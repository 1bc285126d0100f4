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


@pytest.fixture
def empty_index(home_de):
    """A published event index of its own below the home page, for imports to fill."""
    index = EventIndexPage(title="Import", slug="import-test")
    home_de.add_child(instance=index)
    index.save_revision().publish()
    return index
