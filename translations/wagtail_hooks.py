"""Admin additions: the translation dashboard, marking translations checked (``translations.checking``), and right-to-left fields and a translated heading in the translation editor."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from editorial.permissions import may
from translations import checking, provenance, views
from translations.languages import RTL_LANGUAGES


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    return [
        path("uebersetzungen/", views.translation_dashboard, name="translations_dashboard"),
        path("uebersetzungen/<str:code>/", views.translation_worklist, name="translations_worklist"),
        path("uebersetzungen/pruefen/<int:content_type_id>/<int:object_id>/", checking.mark_checked, name="translations_check"),
    ]


@hooks.register("register_page_header_buttons")
def check_translation_button(page, user, view_name, next_url=None):
    """„Übersetzung als geprüft markieren“ in the page header's menu of a translated page one may change."""
    if page.alias_of_id or page.locale.language_code == settings.LANGUAGE_CODE or not may(user, "change", page):
        return
    yield Button(_("Übersetzung als geprüft markieren"), checking.check_url(page), icon_name="tick", priority=80)


def _record_manual_edit(request, instance):
    """A translation edited in Wagtail's own editor (not wagtail-localize's) is a person's new text.

    The hook also runs when a reviewer approves in the editor without changing anything; Wagtail then saves
    no revision, and the check a native speaker made stays (``provenance.has_new_text``).
    """
    if getattr(instance, "translation_key", None) and provenance.is_translation(instance):
        if provenance.has_new_text(instance):
            provenance.record(instance, provenance.Method.HUMAN, request.user)


@hooks.register("after_edit_page")
def record_manual_page_edit(request, page):
    _record_manual_edit(request, page)


@hooks.register("after_edit_snippet")
def record_manual_snippet_edit(request, instance):
    _record_manual_edit(request, instance)


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
