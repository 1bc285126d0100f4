"""wagtail-localize's snippet API without other people's drafts.

The translation editor asks ``/admin/localize/api/snippets/<app>/<model>/`` for the
objects a related field may point to, and wagtail-localize answers with every row
of the model to any admin user: for directory entries that is every group's
unpublished drafts. The same URLs are registered here before wagtail-localize's
own (``security`` comes first in ``INSTALLED_APPS``), with a queryset limited to
what the user may see anyway: live objects, and drafts the user may change
(the model's snippet permission policy, which follows the working groups).
"""

from wagtail.models import DraftStateMixin
from wagtail_localize.views.snippets_api import SnippetViewSet

from editorial.permissions import may


def visible_to(user, model, queryset):
    if user.is_superuser or not issubclass(model, DraftStateMixin):
        return queryset
    own_drafts = [entry.pk for entry in queryset.filter(live=False) if may(user, "change", entry)]
    return queryset.filter(live=True) | queryset.filter(pk__in=own_drafts)


class VisibleSnippetViewSet(SnippetViewSet):
    def get_queryset(self):
        return visible_to(self.request.user, self.get_model(), super().get_queryset())
