"""Admin URLs and the account-menu entry for two-factor login (cms/two_factor.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from security import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("zwei-faktor/", two_factor.setup, name="two_factor_setup"),
        path("zwei-faktor/bestaetigen/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("two_factor_setup"),
        "label": _("Zwei-Faktor-Anmeldung"),
        "help_text": _("Anmeldung zusätzlich mit einem Code vom Telefon schützen."),
    }
