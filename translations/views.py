"""The translators' dashboard: how far each language is, and what is left to do in one."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from home.models import WorkingGroupPage
from translations.overview import MISSING, OUTDATED, STATUS_LABELS, overview


def _chosen_group(request):
    groups = WorkingGroupPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")
    chosen = None
    raw = request.GET.get("arbeitskreis", "")
    if raw.isdigit():
        chosen = groups.filter(pk=int(raw)).first()
    return groups, chosen


def translation_dashboard(request):
    """How far each language is: translated, outdated and missing pages, events and directory entries."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    groups, chosen = _chosen_group(request)
    kinds = overview(within=chosen)
    rows = []
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        rows.append({"code": code, "name": get_language_info(code)["name_local"], "cells": [kind.counts(code) for kind in kinds]})
    return render(
        request,
        "translations/admin/translation_dashboard.html",
        {"kinds": kinds, "rows": rows, "groups": groups, "chosen": chosen, "page_title": _("Übersetzungen")},
    )


def translation_worklist(request, code):
    """Everything in one language that needs a translator: missing first, then outdated; and the translations
    no native speaker has checked yet, each with its "geprüft" button."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    if code not in dict(settings.LANGUAGES) or code == settings.LANGUAGE_CODE:
        raise PermissionDenied
    groups, chosen = _chosen_group(request)
    sections = []
    for kind in overview(within=chosen):
        items = [item for item in kind.items_by_language[code] if item.status in (MISSING, OUTDATED)]
        items.sort(key=lambda item: item.status != MISSING)
        unchecked = [item for item in kind.items_by_language[code] if item.status != MISSING and not item.checked]
        sections.append({"label": kind.label, "items": items, "unchecked": unchecked})
    return render(
        request,
        "translations/admin/translation_worklist.html",
        {
            "sections": sections,
            "language": get_language_info(code),
            "code": code,
            "groups": groups,
            "chosen": chosen,
            "labels": STATUS_LABELS,
            "page_title": _("Übersetzungen"),
        },
    )
