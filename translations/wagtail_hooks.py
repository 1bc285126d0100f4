"""Admin additions: the translation dashboard, and right-to-left fields and a translated heading in the translation editor."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from translations import views
from translations.languages import RTL_LANGUAGES


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    return [
        path("uebersetzungen/", views.translation_dashboard, name="translations_dashboard"),
        path("uebersetzungen/<str:code>/", views.translation_worklist, name="translations_worklist"),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_dashboard_menu_item():
    return MenuItem(
        _("Übersetzungen"), reverse("translations_dashboard"), icon_name="globe", order=250
    )


@hooks.register("insert_editor_js")
def translation_editor_direction():
    """wagtail-localize shows every target field left to right (its issue #197).

    The script reads the target language from the editor's props and gives the
    translation fields the language's ``lang`` and ``dir``.
    """
    return format_html(
        '<script src="{}" data-rtl-languages="{}" defer></script>',
        static("translations/js/translation-editor-direction.js"),
        " ".join(sorted(RTL_LANGUAGES)),
    )


@hooks.register("insert_editor_js")
def translation_editor_title():
    """wagtail-localize writes the editor's heading in English in its bundle ("Deutsch to العربية translation");
    the script puts the admin language's wording in its place."""
    return format_html(
        '<script src="{}" data-pattern="{}" defer></script>',
        static("translations/js/translation-editor-title.js"),
        _("Übersetzung: %(source)s → %(target)s") % {"source": "{source}", "target": "{target}"},
    )
