"""Test users in the site's editorial groups, signed in through their own test client."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

WALDSHUT = "AK Migration Waldshut"
LOERRACH = "AK Migration Lörrach"


def login(name, group_name):
    """A new user ``name`` in the group ``group_name`` and a client signed in as that user."""
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-Long-enough-1")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return user, client
