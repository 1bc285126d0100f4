"""Admin screens for staff: download the directory as CSV or JSON, upload a CSV to change it in bulk."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .office import XLSX_CONTENT_TYPE, export_csv_bytes, export_xlsx_bytes, import_file
from .transfer import ImportFailed, export_json_text


def may_transfer(user):
    return user.is_active and user.is_staff and all(
        user.has_perm(f"orgdirectory.{action}_organisation") for action in ("add", "change", "publish")
    )


def require_transfer_permission(request):
    if not may_transfer(request.user):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV- oder Excel-Datei"),
        help_text=_(
            "Eine Datei, wie sie der Export liefert: CSV (Komma oder Semikolon, UTF-8 oder Windows-1252) oder .xlsx."
        ),
    )


def transfer(request):
    require_transfer_permission(request)
    result, errors = None, []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = import_file(form.cleaned_data["file"].read(), user=request.user)
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
    return download(export_csv_bytes(), "text/csv; charset=utf-8", "organisationen.csv")


def export_xlsx(request):
    require_transfer_permission(request)
    return download(export_xlsx_bytes(), XLSX_CONTENT_TYPE, "organisationen.xlsx")


def export_json(request):
    require_transfer_permission(request)
    return download(export_json_text(), "application/json; charset=utf-8", "organisationen.json")
