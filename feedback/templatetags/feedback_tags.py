from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from ..forms import FeedbackForm
from ..models import COMMENT_MAX_LENGTH

register = template.Library()


@register.inclusion_tag("feedback/form.html")
def feedback_form(page):
    """The form under a public page; nothing for views that are not a page (search, errors)."""
    if not isinstance(page, Page) or not page.pk:
        return {"form": None}
    language = translation.get_language() or settings.LANGUAGE_CODE
    form = FeedbackForm(initial={"page": page.pk}, language=language)
    return {"form": form, "action": reverse("feedback"), "max_length": COMMENT_MAX_LENGTH}
