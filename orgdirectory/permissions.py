"""Who may change which directory entry.

Model permissions say *what* a group may do with entries (add, change,
publish). This policy adds *which* entries: an entry belongs to the working
groups it is a member of, and a user may change, publish, lock or delete it
only if they may also edit one of those working groups' pages. Entries of no
working group belong to whoever may edit the directory page. The link to the
site's pages is generic (Wagtail page permissions), so the app needs to know
nothing about the site's page types.
"""

from django.conf import settings
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

ACTIONS_FOR_ANY_ENTRY = {"add", "view", "choose"}


class WorkingGroupPermissionPolicy(ModelPermissionPolicy):
    def owning_pages(self, instance):
        from .models import DirectoryPage

        pages = list(
            Page.objects.filter(
                directory_memberships__organisation__translation_key=instance.translation_key,
                directory_memberships__organisation__locale__language_code=settings.LANGUAGE_CODE,
            ).distinct()
        )
        return pages or list(DirectoryPage.objects.all())

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if user.is_superuser or action in ACTIONS_FOR_ANY_ENTRY:
            return True
        return any(page.permissions_for_user(user).can_edit() for page in self.owning_pages(instance))
