from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from ..forms import FeedbackForm
from ..models import COMMENT_MAX_LENGTH

register = template.Library()


# The link in the "not checked by a native speaker" notice (?rueckmeldung=uebersetzung#rueckmeldung)
# opens the form with "translation mistake" chosen, without JavaScript.
PRESELECT = {"uebersetzung": "translation"}


@register.inclusion_tag("feedback/form.html", takes_context=True)
def feedback_form(context, page):
    """The form under a public page; nothing for views that are not a page (search, errors)."""
    if not isinstance(page, Page) or not page.pk:
        return {"form": None}
    language = translation.get_language() or settings.LANGUAGE_CODE
    initial = {"page": page.pk}
    request = context.get("request")
    kind = PRESELECT.get(request.GET.get("rueckmeldung", "")) if request is not None else None
    if kind and language != settings.LANGUAGE_CODE:
        initial["kind"] = kind
    form = FeedbackForm(initial=initial, language=language)
    return {"form": form, "action": reverse("feedback"), "max_length": COMMENT_MAX_LENGTH}
