"""Admin additions: the translation dashboard and right-to-left fields in the translation editor."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.languages import RTL_LANGUAGES
from home import views


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    return [
        path("uebersetzungen/", views.translation_dashboard, name="home_translation_dashboard"),
        path("uebersetzungen/<str:code>/", views.translation_worklist, name="home_translation_worklist"),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_dashboard_menu_item():
    return MenuItem(
        _("Übersetzungen"), reverse("home_translation_dashboard"), icon_name="globe", order=250
    )


@hooks.register("insert_editor_js")
def translation_editor_direction():
    """wagtail-localize shows every target field left to right (its issue #197).

    The script reads the target language from the editor's props and gives the
    translation fields the language's ``lang`` and ``dir``.
    """
    return format_html(
        '<script src="{}" data-rtl-languages="{}" defer></script>',
        static("home/js/translation-editor-direction.js"),
        " ".join(sorted(RTL_LANGUAGES)),
    )


@hooks.register("construct_homepage_panels")
def add_my_working_group_panel(request, panels):
    from home.admin_panels import MyWorkingGroupPanel

    panels.insert(0, MyWorkingGroupPanel(request))
