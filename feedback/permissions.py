"""Who reads which answers: whoever may edit the page it is about.

So the Waldshut editors read what visitors said about Waldshut's pages in every language, translators (who may
edit every translated tree) read the answers on translated pages, and nobody reads another group's. Answers are
never added or copied in the admin; only administrators delete them.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

READ_AND_MARK = {"view", "change"}


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return action in READ_AND_MARK | {"delete"}
        return action in READ_AND_MARK and editable_pages(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or editable_pages(user).filter(pk=instance.page_id).exists()

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        if user.is_superuser:
            return self.model.objects.all()
        return self.model.objects.filter(Q(page__in=editable_pages(user).values("pk")))
