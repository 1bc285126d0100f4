"""Template tags for sites that show directory content on their own pages."""

from django import template

from ..membership import members_for_display

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_members(context, page):
    """``{% directory_members page as members %}``: the organisations of a working-group page."""
    return members_for_display(page, context.get("request"))
