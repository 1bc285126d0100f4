"""``{% glossary_links %}…{% endglossary_links %}``: the enclosed page text with each term's first occurrence
linked to the glossary (``terminology.linking``). Put around a page's main text in the site's templates."""

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from terminology.glossary import terms_for
from terminology.linking import link_terms

register = template.Library()


def _terms(request):
    """The terms once per request (a page has several text regions; without the frame cache each read is a query)."""
    language = translation.get_language()
    memo = getattr(request, "_glossary_terms", None) if request is not None else None
    if memo is not None and memo[0] == language:
        return memo[1]
    found = terms_for(language)
    if request is not None:
        request._glossary_terms = (language, found)
    return found


class GlossaryLinksNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        if context.get("glossary_page") or not html.strip():
            return html
        request = context.get("request")
        page = context.get("page")
        # An untranslated page (an alias of the German one) shows German text: search for the German forms
        # and link to the glossary in the visitor's language, which explains them.
        german_text = bool(getattr(page, "alias_of_id", None))
        linked = getattr(request, "_glossary_linked", None) if request is not None else None
        if linked is None:
            linked = set()
            if request is not None:
                request._glossary_linked = linked
        base = reverse("glossary")
        result = link_terms(html, _terms(request), lambda key: f"{base}#{key}", linked, use_german_forms=german_text)
        return mark_safe(result)


@register.tag
def glossary_links(parser, token):
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryLinksNode(nodelist)


@register.simple_tag
def glossary_url():
    return reverse("glossary")

