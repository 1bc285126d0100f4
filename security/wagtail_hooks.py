"""Admin URLs, account-menu entries and the user-listing reset button for two-factor login (cms/two_factor.py),
and wagtail-localize's snippet API limited to what the user may see (security/localize_api.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from security import two_factor
from security.localize_api import VisibleSnippetViewSet


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("zwei-faktor/", two_factor.setup, name="two_factor_setup"),
        path("zwei-faktor/bestaetigen/", two_factor.verify, name="two_factor_verify"),
        path("zwei-faktor/wiederherstellungscodes/", two_factor.recovery, name="two_factor_recovery"),
        path("zwei-faktor/zuruecksetzen/<int:user_id>/", two_factor.reset_for_user, name="two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": _("Anmeldung zusätzlich mit einem Code vom Telefon schützen."),
    }


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    """Only for editors who use two-factor login; the others have no codes to renew."""
    if not two_factor.has_authenticator(request.user):
        return None
    return {
        "url": reverse("two_factor_recovery"),
        "label": _("Wiederherstellungscodes"),
        "help_text": _("Neue Codes für die Anmeldung ohne Telefon erzeugen; die alten werden ungültig."),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """Only superusers may reset another account's second factor (cms.two_factor.reset_for_user)."""
    if request_user.is_superuser and user.pk != request_user.pk:
        yield Button(
            _("Zwei-Faktor-Anmeldung zurücksetzen"),
            reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_admin_urls")
def localize_snippet_api_urls():
    """Ahead of wagtail-localize's own URLs (same paths): its snippet API without other groups' drafts."""
    return [
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            VisibleSnippetViewSet.as_view({"get": "list"}),
            name="localize_snippets_api_listing",
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            VisibleSnippetViewSet.as_view({"get": "retrieve"}),
            name="localize_snippets_api_detail",
        ),
    ]
