"""Receives the form under every public page.

The form carries no CSRF token: public pages are cached and set no cookies, and an answer changes nothing a
signed-in person could be tricked into (it only adds a row editors read). Floods are held back by the honeypot
field, the size limits and the per-address limit (``ratelimit``).
"""

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import ratelimit
from .forms import FeedbackForm
from .models import COMMENT_MAX_LENGTH, Feedback


def _page(form):
    page_id = form.cleaned_data.get("page") if hasattr(form, "cleaned_data") else None
    if page_id is None:
        return None
    return Page.objects.live().public().filter(pk=page_id).first()


@csrf_exempt
@require_POST
@never_cache
def submit(request):
    language = translation.get_language()
    form = FeedbackForm(request.POST, language=language)
    if form.is_bot:
        return render(request, "feedback/thanks.html", {"back": None})
    valid = form.is_valid()
    page = _page(form)
    if valid and page is None:
        form.add_error("page", form.fields["page"].error_messages["invalid"])
        valid = False
    if valid and not ratelimit.allow(request):
        return render(
            request,
            "feedback/retry.html",
            {"form": form, "target": page, "limited": True, "max_length": COMMENT_MAX_LENGTH},
            status=429,
        )
    if not valid:
        return render(
            request, "feedback/retry.html", {"form": form, "target": page, "max_length": COMMENT_MAX_LENGTH}, status=400
        )
    Feedback.objects.create(
        page=page, language=language, kind=form.cleaned_data["kind"], comment=form.cleaned_data["comment"].strip()
    )
    return render(request, "feedback/thanks.html", {"back": page})
