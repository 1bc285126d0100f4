"""The organisation directory: who helps with what, where, when and in which language.

``Organisation`` is a translatable snippet with drafts, revisions, preview,
locking and workflow. Only wording is translated (description, services, target
groups, notes); address, contact data, hours, languages, membership and category
are synchronised from the German entry by wagtail-localize, so a translation can
never show other opening hours than the original.

Membership in working groups is a link to any page (``wagtailcore.Page``); the
setting ``ORGDIRECTORY_GROUP_PAGE_MODELS`` narrows the chooser to the site's
working-group page type, so this app needs to know nothing about the site.
"""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import opening_hours
from .choices import Weekday, WheelchairAccess
from .conf import base_template, setting
from .languages import advice_language_choices, native_name
from .review import ReviewByMixin
from .validators import validate_key, validate_phone, validate_postcode

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ReadOnlyDatePanel(FieldPanel):
    """A date shown, not edited: „–“ while there is none (Wagtail would write „None“), else day.month.year."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return value.strftime("%d.%m.%Y") if value else "–"


class OrganisationForm(WagtailAdminModelForm):
    """The entry's form with „geprüft“: ticking it sets ``last_checked`` to today in the revision saved."""

    checked = forms.BooleanField(
        label=_("geprüft"),
        required=False,
        help_text=_("Ankreuzen, wenn Sie heute mit der Einrichtung abgeglichen haben, dass die Angaben stimmen."),
    )

    def save(self, commit=True):
        if self.cleaned_data.get("checked"):
            self.instance.last_checked = timezone.localdate()
        return super().save(commit=commit)


class Category(TranslatableMixin, models.Model):
    """A kind of help (counselling, authority, language course, ...), translated like any text."""

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname für Adressen"),
        max_length=60,
        help_text=_("Erscheint in der Adresse der Filter, z. B. „sprachkurs“. In allen Sprachen gleich."),
    )
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="orgdirectory_category_slug_locale")]

    def __str__(self):
        return self.name


class Region(TranslatableMixin, models.Model):
    """An area the directory can be filtered by (a county, district or city), managed by editors.

    Translated like a category; the ``slug`` is the same in every language, so a filter
    link (``?kreis=<slug>``) works from every language.
    """

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname für Adressen"),
        max_length=60,
        help_text=_("Erscheint in der Adresse der Filter. In allen Sprachen gleich."),
    )
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="orgdirectory_region_slug_locale")]

    def __str__(self):
        return self.name


class Organisation(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    ReviewByMixin,
    index.Indexed,
    ClusterableModel,
):
    """An office, counselling service or other institution of the network."""

    base_form_class = OrganisationForm

    key = models.SlugField(
        _("Schlüssel"),
        max_length=80,
        validators=[validate_key],
        help_text=_(
            "Fester Kurzname für Adresse und Import, z. B. „jobcenter-musterstadt“. Bitte nach dem Anlegen nicht mehr ändern."
        ),
    )
    name = models.CharField(
        _("Name"),
        max_length=200,
        help_text=_("Der offizielle Name der Einrichtung, so wie sie sich selbst nennt."),
    )
    short_name = models.CharField(_("Kurzname"), max_length=80, blank=True, help_text=_("Zum Beispiel „MBE“."))
    category = models.ForeignKey(
        Category,
        verbose_name=_("Kategorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    description = RichTextField(
        _("Beschreibung"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wobei hilft die Einrichtung? Kurze, einfache Sätze."),
    )
    services = models.TextField(
        _("Angebote"), blank=True, help_text=_("Ein Angebot pro Zeile, z. B. „Beratung zum Aufenthalt“.")
    )
    target_groups = models.TextField(
        _("Für wen"), blank=True, help_text=_("Eine Zielgruppe pro Zeile, z. B. „Jugendliche von 12 bis 27 Jahren“.")
    )

    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True, validators=[validate_postcode])
    town = models.CharField(_("Ort"), max_length=100, blank=True)
    county = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("Optional, z. B. 47.614. Nur zusammen mit dem Längengrad."),
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("Optional, z. B. 7.664."),
    )

    phone = models.CharField(_("Telefon"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True, help_text=_("Mit https:// am Anfang."))

    opening_note = models.TextField(
        _("Hinweis zu den Öffnungszeiten"), blank=True, help_text=_("Zum Beispiel „Termine auch telefonisch“.")
    )
    by_appointment_only = models.BooleanField(_("Nur mit Termin"), default=False)
    wheelchair_access = models.CharField(
        _("Rollstuhlgerecht"), max_length=10, blank=True, choices=WheelchairAccess.choices,
        help_text=_("Leer lassen, wenn es nicht bekannt ist."),
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("key"), FieldPanel("category")],
            heading=_("Name und Art"),
        ),
        FieldPanel("description"),
        FieldPanel("services"),
        FieldPanel("target_groups"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
                FieldPanel("county"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Kontakt")),
        MultiFieldPanel(
            [
                InlinePanel("opening_intervals", label=_("Öffnungszeit")),
                InlinePanel("opening_exceptions", label=_("Abweichung an einem Datum")),
                FieldPanel("opening_note"),
                FieldPanel("by_appointment_only"),
            ],
            heading=_("Öffnungszeiten"),
        ),
        InlinePanel("advice_languages", label=_("Sprache der Beratung")),
        FieldPanel("wheelchair_access"),
        InlinePanel("memberships", label=_("Mitglied im Arbeitskreis")),
        MultiFieldPanel(
            [FieldPanel("checked"), ReadOnlyDatePanel("last_checked"), FieldPanel("review_by")],
            heading=_("Prüfung der Angaben"),
        ),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("short_name", boost=2),
        index.SearchField("description"),
        index.SearchField("services"),
        index.SearchField("target_groups"),
        index.SearchField("town"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("translation_key"),
    ]

    # Only wording is translated; everything a visitor relies on stays identical to the German entry.
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        TranslatableField("description"),
        TranslatableField("services"),
        TranslatableField("target_groups"),
        TranslatableField("opening_note"),
        SynchronizedField("key", overridable=False),
        SynchronizedField("category", overridable=False),
        SynchronizedField("street", overridable=False),
        SynchronizedField("postcode", overridable=False),
        SynchronizedField("town", overridable=False),
        SynchronizedField("county", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("website", overridable=False),
        SynchronizedField("by_appointment_only", overridable=False),
        SynchronizedField("wheelchair_access", overridable=False),
        SynchronizedField("opening_intervals", overridable=False),
        SynchronizedField("opening_exceptions", overridable=False),
        SynchronizedField("advice_languages", overridable=False),
        SynchronizedField("memberships", overridable=False),
        SynchronizedField("review_by", overridable=False),
        SynchronizedField("last_checked", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="orgdirectory_organisation_key_locale")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Bitte geben Sie Breitengrad und Längengrad zusammen an oder beide nicht.")}
            )
        if self.key and self.locale_id:
            clash = Organisation.objects.filter(key=self.key, locale_id=self.locale_id).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"key": _("Diesen Schlüssel hat schon eine andere Organisation.")})

    # -- what the templates, the API and the exports show -------------------------------------------

    @property
    def service_list(self):
        return [line.strip() for line in self.services.splitlines() if line.strip()]

    @property
    def target_group_list(self):
        return [line.strip() for line in self.target_groups.splitlines() if line.strip()]

    @property
    def has_address(self):
        return bool(self.street or self.postcode or self.town)

    def weekly_hours(self):
        return [
            opening_hours.WeeklyHours(item.weekday, item.opens, item.closes, item.closes_next_day)
            for item in self.opening_intervals.all()
        ]

    def dated_hours(self):
        return [
            opening_hours.DatedHours(item.day, item.closed, item.opens, item.closes, item.note)
            for item in self.opening_exceptions.all()
        ]

    def opening_status(self, moment=None):
        if not self.opening_intervals.all() and not self.opening_exceptions.all():
            return None
        moment = moment or opening_hours.now_local()
        return opening_hours.status_at(moment, self.weekly_hours(), self.dated_hours())

    def language_codes(self):
        return [item.code for item in self.advice_languages.all()]

    def languages(self):
        return [{"code": code, "name": native_name(code)} for code in self.language_codes()]

    def get_preview_template(self, request, mode_name):
        return "orgdirectory/organisation_preview.html"

    def get_preview_context(self, request, mode_name):
        from .presenters import organisation_context

        context = super().get_preview_context(request, mode_name)
        context.update(organisation_context(self, request, directory=None))
        context["base_template"] = base_template()
        return context


class OpeningInterval(Orderable):
    """One opening time on a weekday; several per day are allowed (e.g. morning and afternoon)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="opening_intervals")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    closes_next_day = models.BooleanField(
        _("endet am nächsten Tag"),
        default=False,
        help_text=_("Nur ankreuzen, wenn die Zeit über Mitternacht geht, z. B. 22:00 bis 2:00."),
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]), FieldPanel("closes_next_day")]

    class Meta(Orderable.Meta):
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")

    def clean(self):
        super().clean()
        if self.opens is None or self.closes is None:
            return
        if self.opens == self.closes:
            raise ValidationError({"closes": _("Beginn und Ende dürfen nicht gleich sein.")})
        if self.closes < self.opens and not self.closes_next_day:
            raise ValidationError(
                {
                    "closes": _(
                        "Das Ende (%(closes)s) liegt vor dem Beginn (%(opens)s). Wenn die Zeit über Mitternacht "
                        "geht, kreuzen Sie „endet am nächsten Tag“ an."
                    )
                    % {"closes": self.closes.strftime("%H:%M"), "opens": self.opens.strftime("%H:%M")}
                }
            )
        if self.closes > self.opens and self.closes_next_day:
            raise ValidationError(
                {"closes_next_day": _("Eine Öffnungszeit kann nicht länger als 24 Stunden dauern.")}
            )


class OpeningException(Orderable):
    """Different hours on one date: a holiday (closed) or special times. Replaces the weekly hours of that day."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="opening_exceptions")
    day = models.DateField(_("Datum"))
    closed = models.BooleanField(_("ganzer Tag geschlossen"), default=True)
    opens = models.TimeField(_("von"), null=True, blank=True)
    closes = models.TimeField(_("bis"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=120, blank=True, help_text=_("Zum Beispiel „Heiligabend“."))

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Abweichende Öffnungszeit")
        verbose_name_plural = _("Abweichende Öffnungszeiten")

    def clean(self):
        super().clean()
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError(
                    {"opens": _("Ein geschlossener Tag hat keine Zeiten. Entfernen Sie die Zeiten oder das Häkchen.")}
                )
            return
        if self.opens is None or self.closes is None:
            raise ValidationError({"opens": _("Bitte geben Sie Beginn und Ende an oder kreuzen Sie „geschlossen“ an.")})
        if self.closes <= self.opens:
            raise ValidationError(
                {
                    "closes": _("Das Ende (%(closes)s) muss nach dem Beginn (%(opens)s) liegen.")
                    % {"closes": self.closes.strftime("%H:%M"), "opens": self.opens.strftime("%H:%M")}
                }
            )


class OrganisationLanguage(Orderable):
    """A language in which the organisation can advise (stored as a code, shown by its native name)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="advice_languages")
    code = models.CharField(_("Sprache"), max_length=10, choices=advice_language_choices)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("Sprache der Beratung")
        verbose_name_plural = _("Sprachen der Beratung")

    def __str__(self):
        return native_name(self.code)


def group_page_types():
    return setting("ORGDIRECTORY_GROUP_PAGE_MODELS") or ["wagtailcore.Page"]


class Membership(Orderable):
    """The organisation takes part in a working group (a page of the site)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Arbeitskreis"),
        on_delete=models.CASCADE,
        related_name="directory_memberships",
    )
    position = models.PositiveIntegerField(
        _("Platz in der Mitgliederliste"),
        default=0,
        help_text=_("Die Mitgliederliste des Arbeitskreises ist nach dieser Zahl sortiert (kleine zuerst)."),
    )

    panels = [PageChooserPanel("page", page_type=group_page_types()), FieldPanel("position")]

    class Meta(Orderable.Meta):
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")


class DirectoryPage(RoutablePageMixin, Page):
    """The public directory: search and filters at the page's URL, each organisation below it."""

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    override_translatable_fields = [SynchronizedField("slug")]
    parent_page_types = setting("ORGDIRECTORY_DIRECTORY_PARENT_PAGE_TYPES")
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Organisationsverzeichnis")
        verbose_name_plural = _("Organisationsverzeichnisse")

    @path("")
    def directory(self, request):
        from .views import directory_view

        return directory_view(request, self)

    @path("<slug:key>/")
    def organisation(self, request, key):
        from .views import organisation_view

        return organisation_view(request, self, key)

    @path("<slug:key>/vcard/")
    def vcard(self, request, key):
        from .views import vcard_view

        return vcard_view(request, self, key)

    def organisation_url(self, key, request=None):
        return self.url + self.reverse_subpage("organisation", args=[key])
