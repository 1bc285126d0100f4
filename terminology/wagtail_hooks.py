"""The termbase in the admin: „Fachbegriffe“, a translatable snippet (wagtail-localize offers „Übersetzen“)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from terminology.models import Term


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "help"
    menu_label = _("Fachbegriffe")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["term", "key", "locale"]
    list_filter = ["locale"]
    list_export = ["key", "term", "explanation", "forms", "locale"]
    export_filename = "fachbegriffe"
    search_fields = ["term", "explanation"]
    panels = [FieldPanel("key"), FieldPanel("term"), FieldPanel("explanation"), FieldPanel("forms")]


register_snippet(TermViewSet)
