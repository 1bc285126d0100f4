"""„Anleitung für die Redaktion“: the German editors' guide in the admin.

Wagtail's help menu links its English editor guide on guide.wagtail.org; editors here work in German
and with the site's own groups, review and translation, so the help menu's „Anleitung“ and the start
page's panel link this page instead (``editorial/wagtail_hooks.py``). Plain HTML in the admin frame,
no external assets. German only (the editors' own document), so not in the catalogues.
"""

from django.template.response import TemplateResponse


def editors_guide(request):
    return TemplateResponse(request, "editorial/editors_guide.html", {"page_title": "Anleitung für die Redaktion"})
