"""The glossary for visitors: /<lang>/glossar/, the terms A–Z in the visitor's language."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from home.public.search import declare_cacheability
from terminology.glossary import alphabetical, terms_for


def glossary_view(request):
    """Each entry has an anchor (its key) for the links from page texts, and the German term for orientation
    (what visitors read on letters and signs). The page cache keeps it like a page (``declare_cacheability``)."""
    language = translation.get_language()
    groups = alphabetical(terms_for(language), language)
    response = render(
        request,
        "terminology/glossary.html",
        {"groups": groups, "show_german": language != settings.LANGUAGE_CODE, "glossary_page": True},
    )
    declare_cacheability(response)
    return response
