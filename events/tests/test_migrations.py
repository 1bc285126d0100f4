"""The shipped migrations match the models in a host that sets nothing about them."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_migration_is_missing(capsys):
    call_command("makemigrations", "events", "--check", "--dry-run", verbosity=1)
    assert "No changes detected" in capsys.readouterr().out
