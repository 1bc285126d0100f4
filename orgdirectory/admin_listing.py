"""The admin's list of directory entries: the source language first, and the filters editors look for.

Without a choice Wagtail lists every entry in all thirteen languages (325 rows for 25
organisations); editors maintain the German entries, so those are shown until another language
(or "all") is picked. The filters answer the editors' weekly questions: which entries belong to my
working group, which advise in a given language, which still have no way to contact them.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale, Page
from wagtail.snippets.views.snippets import IndexView

from .cell_safety import neutralise_row
from .languages import advice_language_choices
from .models import Category, Organisation, Region


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
