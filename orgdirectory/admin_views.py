"""Admin screens for staff: download the directory as CSV or JSON, upload a CSV to change it in bulk."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .transfer import ImportFailed, export_csv_text, export_json_text, import_csv_text


def may_transfer(user):
    return user.is_active and user.is_staff and all(
        user.has_perm(f"orgdirectory.{action}_organisation") for action in ("add", "change", "publish")
    )


def require_transfer_permission(request):
    if not may_transfer(request.user):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV-Datei"), help_text=_("Eine Datei, wie sie der Export liefert (UTF-8)."))


def transfer(request):
    require_transfer_permission(request)
    result, errors = None, []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            errors = [_("Die Datei ist nicht in UTF-8 gespeichert. Bitte speichern Sie sie als „CSV UTF-8“.")]
        else:
            try:
                result = import_csv_text(text, user=request.user)
            except ImportFailed as failure:
                errors = failure.errors
    return render(
        request, "orgdirectory/admin/transfer.html", {"form": form, "result": result, "errors": errors}
    )


def download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_csv(request):
    require_transfer_permission(request)
    return download(export_csv_text(), "text/csv; charset=utf-8", "organisationen.csv")


def export_json(request):
    require_transfer_permission(request)
    return download(export_json_text(), "application/json; charset=utf-8", "organisationen.json")
