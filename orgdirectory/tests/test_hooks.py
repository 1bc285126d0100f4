"""The integration points a host site uses: cache callable, permission policy and owner pages, time zone."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

CALLS = []


def recording_cache(name, parts, compute):
    """A stand-in for a site's fragment cache: records what the plugin asks for."""
    CALLS.append(name)
    return compute()


@pytest.mark.django_db
def test_cache_hook_is_called_for_the_filter_choices(client, directory, entries, settings):
    settings.ORGDIRECTORY_CACHE = "orgdirectory.tests.test_hooks.recording_cache"
    CALLS.clear()
    assert client.get(directory.url).status_code == 200
    assert "directory-filter-options" in CALLS


@pytest.mark.django_db
def test_without_a_cache_hook_changes_show_at_once(client, directory, entries):
    office, _course = entries
    office.name = "Beratungsstelle Nord (neu)"
    office.save_revision().publish()
    assert "Beratungsstelle Nord (neu)" in client.get(directory.url).content.decode()


@pytest.fixture
def editor(django_user_model, entries):
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="orgdirectory", codename__endswith="_organisation"),
    )
    user = django_user_model.objects.create_user("redaktion", password="geheim-123")
    user.groups.add(group)
    return user


def edit_url(organisation):
    return reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[organisation.pk])


@pytest.mark.django_db
def test_default_policy_keeps_an_editor_out_of_a_working_groups_entry(client, editor, entries):
    client.force_login(editor)
    office, course = entries
    assert client.get(edit_url(office)).status_code in {302, 403}


@pytest.mark.django_db
def test_permission_policy_setting_is_honoured(editor, entries, settings):
    """Read when the admin builds its views (at start-up, like any Django setting): a fresh view set here."""
    from orgdirectory.wagtail_hooks import OrganisationViewSet

    office, _course = entries
    assert not OrganisationViewSet().permission_policy.user_has_permission_for_instance(editor, "change", office)
    settings.ORGDIRECTORY_PERMISSION_POLICY = "wagtail.permission_policies.ModelPermissionPolicy"
    assert OrganisationViewSet().permission_policy.user_has_permission_for_instance(editor, "change", office)


def no_owner(organisation):
    return []


@pytest.mark.django_db
def test_owner_pages_hook_decides_who_owns_an_entry(editor, directory, entries, settings):
    from orgdirectory.conf import permission_policy_class
    from orgdirectory.models import Organisation

    office, _course = entries
    policy = permission_policy_class()(Organisation)
    assert [page.slug for page in policy.owning_pages(office)] == ["ak-nord"]
    settings.ORGDIRECTORY_OWNER_PAGES = "orgdirectory.tests.test_hooks.no_owner"
    assert [page.slug for page in policy.owning_pages(office)] == ["verzeichnis"]


def test_default_base_template_is_translated_and_right_to_left_in_arabic():
    with translation.override("ar"):
        html = render_to_string("orgdirectory/base.html", {})
    assert '<html lang="ar" dir="rtl">' in html
    assert "انتقل إلى المحتوى" in html
