"""Who may change which directory entry.

Model permissions say *what* a group may do with entries (add, change,
publish). This policy adds *which* entries: an entry belongs to the pages that
the ``ORGDIRECTORY_OWNER_PAGES`` hook names (by default the working groups it is
a member of), and a user may change, publish, lock or delete it only if they may
also edit one of those pages. Entries that no page owns belong to whoever may
edit the directory page. The link to the site's pages is generic (Wagtail page
permissions), so the app needs to know nothing about the site's page types.

A site with other rules names its own policy class in
``ORGDIRECTORY_PERMISSION_POLICY`` (e.g. Wagtail's ``ModelPermissionPolicy``).
"""

from django.conf import settings
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from .conf import owner_pages

ACTIONS_FOR_ANY_ENTRY = {"add", "view", "choose"}


def member_group_pages(organisation):
    """The default owner hook: the pages the German version of ``organisation`` is a member of."""
    return Page.objects.filter(
        directory_memberships__organisation__translation_key=organisation.translation_key,
        directory_memberships__organisation__locale__language_code=settings.LANGUAGE_CODE,
    ).distinct()


class WorkingGroupPermissionPolicy(ModelPermissionPolicy):
    def owning_pages(self, instance):
        from .models import DirectoryPage

        return owner_pages(instance) or list(DirectoryPage.objects.all())

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser or action in ACTIONS_FOR_ANY_ENTRY:
            return True
        return any(page.permissions_for_user(user).can_edit() for page in self.owning_pages(instance))
