"""Template tags for sites that show directory content on their own pages."""

from django import template

from ..hyphenation import hyphenate
from ..membership import members_for_display

register = template.Library()

# ``{{ name|hyphenate }}``: soft hyphens in long words of headings and names (hyphenation.py).
register.filter("hyphenate", hyphenate, is_safe=True)


@register.simple_tag(takes_context=True)
def directory_members(context, page):
    """``{% directory_members page as members %}``: the organisations of a working-group page."""
    return members_for_display(page, context.get("request"))
