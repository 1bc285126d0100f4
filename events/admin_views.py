"""The editor's import page: choose an event index, upload an .ics file or give its address."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import URLValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .importer import MAX_BYTES, ImportFailed, fetch, import_calendar
from .models import EventIndexPage
from .permissions import may_import


def indexes_for(user):
    """Event indexes into which ``user`` may import, by the site's ``EVENTS_PERMISSION_POLICY``."""
    return [
        index
        for index in EventIndexPage.objects.all().select_related("locale").order_by("path")
        if may_import(user, index)
    ]


def _choice_label(index):
    group = index.working_group
    prefix = f"{group.title} › " if group else ""
    return f"{prefix}{index.title} ({index.locale.language_code})"


class ImportForm(forms.Form):
    index = forms.TypedChoiceField(label=_("In welche Veranstaltungsübersicht?"), coerce=int)
    file = forms.FileField(label=_("Kalenderdatei (.ics)"), required=False)
    url = forms.CharField(
        label=_("Oder: Adresse eines Kalenders"),
        required=False,
        max_length=2000,
        help_text=_("Zum Beispiel die Abo-Adresse eines Partners. Sie wird nur jetzt einmal geladen."),
    )
    skip_broken = forms.BooleanField(
        label=_("Fehlerhafte Termine überspringen"),
        required=False,
        help_text=_("Termine ohne UID, ohne Beginn oder mit zusätzlichen Einzelterminen werden dann ausgelassen und genannt."),
    )

    def clean_url(self):
        """Calendar apps hand out ``webcal://`` subscription links: they are the same address over https."""
        url = self.cleaned_data["url"].strip()
        if not url:
            return ""
        if "://" not in url:
            url = "https://" + url
        url = re.sub(r"^webcals?://", "https://", url, flags=re.I)
        try:
            URLValidator(schemes=["http", "https"])(url)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Bitte geben Sie eine Adresse an, die mit https://, http:// oder webcal:// beginnt.")
            ) from None
        return url

    def __init__(self, *args, indexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.indexes = {index.pk: index for index in indexes}
        self.fields["index"].choices = [
            (index.pk, _choice_label(index))
            for index in indexes
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("Bitte wählen Sie eine Datei aus oder geben Sie eine Adresse an."))
        upload = cleaned.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist zu groß (höchstens 5 MB)."))
        return cleaned


def import_view(request):
    indexes = indexes_for(request.user)
    if not indexes:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, indexes=indexes)
    if request.method == "POST" and form.is_valid():
        index = form.indexes[form.cleaned_data["index"]]
        try:
            upload = form.cleaned_data.get("file")
            data = upload.read() if upload else fetch(form.cleaned_data["url"])
            result = import_calendar(data, index, user=request.user, skip_broken=form.cleaned_data["skip_broken"])
        except ImportFailed as error:
            form.add_error(None, str(error))
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.success(request, result.summary())
            return redirect("wagtailadmin_explore", index.pk)
    return TemplateResponse(request, "events/admin/import.html", {"form": form, "page_title": _("Kalender importieren")})
