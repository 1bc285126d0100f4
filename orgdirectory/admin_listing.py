"""The admin's list of directory entries: the source language first, and the filters editors look for.

Without a choice Wagtail lists every entry in all thirteen languages (325 rows for 25
organisations); editors maintain the German entries, so those are shown until another language
(or "all") is picked. The filters answer the editors' weekly questions: which entries belong to my
working group, which advise in a given language, which still have no way to contact them, which nobody
has confirmed („geprüft“) for six or twelve months.
"""

import calendar

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale, Page
from wagtail.snippets.views.snippets import IndexView

from .cell_safety import neutralise_row
from .languages import advice_language_choices
from .models import Category, Organisation, Region


def months_before(day, months):
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def in_source_language(model):
    """Choices in German only: each category and region exists once per language."""
    return lambda request: model.objects.filter(locale=Locale.get_default())


def working_group_pages(request):
    return Page.objects.filter(directory_memberships__isnull=False, locale=Locale.get_default()).distinct().order_by("title")


class OrganisationFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=Organisation._meta.get_field("category").verbose_name, queryset=in_source_language(Category),
        method="filter_by_translation",
    )
    county = django_filters.ModelChoiceFilter(
        label=Organisation._meta.get_field("county").verbose_name, queryset=in_source_language(Region),
        method="filter_by_translation",
    )
    working_group = django_filters.ModelChoiceFilter(
        label=_("Arbeitskreis"), field_name="memberships__page", queryset=working_group_pages, distinct=True
    )
    advice_language = django_filters.ChoiceFilter(
        label=_("Sprache der Beratung"), field_name="advice_languages__code", choices=advice_language_choices,
        distinct=True, widget=forms.Select,
    )
    not_checked_since = django_filters.ChoiceFilter(
        label=_("Nicht geprüft seit"), choices=[("6", _("6 Monaten")), ("12", _("12 Monaten"))],
        empty_label=_("alle Einträge"), method="filter_not_checked_since", widget=forms.RadioSelect,
    )
    contact = django_filters.ChoiceFilter(
        label=_("Kontakt"), choices=[("fehlt", _("Noch ohne Kontaktdaten"))], empty_label=_("alle Einträge"),
        method="filter_without_contact", widget=forms.RadioSelect,
    )

    class Meta:
        model = Organisation
        fields = ["by_appointment_only"]

    def filter_by_translation(self, queryset, name, value):
        """The German category or region, and its translations for entries in other languages."""
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__translation_key": value.translation_key})

    def filter_not_checked_since(self, queryset, name, value):
        """Entries nobody has confirmed („geprüft“) within the last ``value`` months, or never."""
        if not value:
            return queryset
        since = months_before(timezone.localdate(), int(value))
        return queryset.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=since))

    def filter_without_contact(self, queryset, name, value):
        """Entries nobody can reach yet: no telephone, no e-mail address, no website."""
        return queryset.filter(Q(phone="") & Q(email="") & Q(website=""))


class OrganisationIndexView(IndexView):
    def write_csv_row(self, writer, row_dict):
        """Wagtail's CSV download of the list, with formula cells written as text (``cell_safety``);
        its .xlsx download already stores every cell as text."""
        return super().write_csv_row(writer, neutralise_row(row_dict))

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "locale" not in kwargs["data"]:
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"]["locale"] = Locale.get_default().language_code
        return kwargs
