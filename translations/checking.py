"""Translators and reviewers mark a translation "geprüft": a native speaker has read its current text.

``GET`` shows how the translation was made and asks for confirmation (reached from the page's header
menu or the worklist), ``POST`` (with CSRF token) marks it. Allowed to whoever may change the
translation (``editorial.permissions.may``: page permissions, or for directory entries the entry's
working groups); anyone else gets 403 and nothing changes.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied
from wagtail.models import Page

from editorial.permissions import may
from translations import provenance


def check_url(instance):
    """The confirmation view for ``instance`` (a page or a translatable snippet)."""
    content_type = provenance.content_type_of(instance)
    return reverse("translations_check", args=[content_type.pk, instance.pk])


def _translation(content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model is None or not hasattr(model, "translation_key"):
        raise Http404
    instance = model._default_manager.filter(pk=object_id).select_related("locale").first()
    if instance is None:
        raise Http404
    if isinstance(instance, Page):
        instance = instance.specific
        if instance.alias_of_id:
            raise Http404  # an untranslated placeholder has nothing to check
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        raise Http404
    return instance


def _next_url(request, default):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default


@require_http_methods(["GET", "POST"])
def mark_checked(request, content_type_id, object_id):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    instance = _translation(content_type_id, object_id)
    if not may(request.user, "change", instance):
        # A plain 403, not Wagtail's redirect to the dashboard (which it makes of PermissionDenied): a crafted
        # request learns nothing and a person sees at once that the mark was refused.
        return permission_denied(request, PermissionDenied())
    default = reverse("translations_worklist", args=[instance.locale.language_code])
    if request.method == "POST":
        provenance.mark_checked(instance, request.user)
        messages.success(request, _("„%(title)s“ ist als geprüft markiert.") % {"title": instance})
        return redirect(_next_url(request, default))
    return render(
        request,
        "translations/admin/check_translation.html",
        {
            "instance": instance,
            "origin": provenance.origin_of(instance),
            "next": _next_url(request, default),
            "page_title": _("Übersetzung prüfen"),
        },
    )
