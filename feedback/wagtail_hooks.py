import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from .models import Feedback
from .permissions import FeedbackPermissionPolicy


def _sections():
    """The German top-level sections (the working groups' and the network's pages)."""
    return Page.objects.filter(depth=3, locale__language_code=settings.LANGUAGE_CODE).order_by("path")


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Feedback.Status.choices, empty_label=_("Alle"))
    kind = django_filters.ChoiceFilter(label=_("Rückmeldung"), choices=Feedback.Kind.choices, empty_label=_("Alle"))
    language = django_filters.CharFilter(label=_("Sprache"))
    section = django_filters.ModelChoiceFilter(
        label=_("Bereich"), queryset=Page.objects.none(), method="filter_section", empty_label=_("Alle")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["section"].queryset = _sections()

    def filter_section(self, queryset, name, value):
        """Answers about the section's pages in every language (each language has its own copy of the tree)."""
        paths = Page.objects.filter(translation_key=value.translation_key).values_list("path", flat=True)
        condition = Q()
        for path in paths:
            condition |= Q(page__path__startswith=path)
        return queryset.filter(condition)

    class Meta:
        model = Feedback
        fields = ["status", "kind", "language"]


class OwnAnswersOnly:
    """Wagtail's single-object views check only the model permission; an answer is the page editors' own."""

    def get_object(self, *args, **kwargs):
        answer = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "view", answer):
            raise PermissionDenied
        return answer


class FeedbackEditView(OwnAnswersOnly, generic.EditView):
    pass


class FeedbackHistoryView(OwnAnswersOnly, HistoryView):
    pass


class FeedbackUsageView(OwnAnswersOnly, UsageView):
    pass


class FeedbackIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "view").select_related(
            "page"
        )


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = _("Rückmeldungen")
    menu_order = 250
    name = "rueckmeldungen"
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    history_view_class = FeedbackHistoryView
    usage_view_class = FeedbackUsageView
    filterset_class = FeedbackFilterSet
    permission_policy = FeedbackPermissionPolicy(Feedback)
    list_display = [
        DateColumn("created_at", label=_("Eingegangen am")),
        Column("page", label=_("Seite")),
        "language",
        Column("kind", label=_("Rückmeldung"), accessor="get_kind_display"),
        "comment",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_export = ["created_at", "page", "language", "kind", "comment", "status"]
    panels = [
        FieldPanel("status"),
        FieldPanel("kind", read_only=True),
        FieldPanel("comment", read_only=True),
        FieldPanel("page", read_only=True),
        FieldPanel("language", read_only=True),
    ]


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("rueckmeldungen")


class NewFeedbackPanel(Component):
    """On the start page: how many answers about the user's pages are still new, and the latest of them."""

    name = "new_feedback"
    order = 60
    template_name = "feedback/admin/panel.html"

    def __init__(self, new_answers):
        self.new_answers = new_answers

    def get_context_data(self, parent_context=None):
        return {
            "count": self.new_answers.count(),
            "latest": self.new_answers.select_related("page")[:5],
            "url": reverse("rueckmeldungen:index") + "?status=new",
        }


@hooks.register("construct_homepage_panels")
def add_new_feedback_panel(request, panels):
    policy = FeedbackViewSet.permission_policy
    if policy.user_has_permission(request.user, "view"):
        new_answers = policy.instances_user_has_permission_for(request.user, "view").filter(status=Feedback.Status.NEW)
        if new_answers.exists():
            panels.insert(1, NewFeedbackPanel(new_answers))
