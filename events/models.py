"""The event calendar: categories, event indexes in the working groups' sections,
events with recurrence and per-date exceptions, and the calendar page that shows them all.

The app never imports from the site: the working group of an event is the owner of its
event index (``EVENTS_WORKING_GROUPS``, by default the index's parent page).
"""

import hashlib
import json
from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from .conf import setting
from .groups import working_group
from .languages import spoken_language_choices
from .occurrences import EventTimes
from .panels import RecurrencePanel, SeriesSummaryPanel
from .recurrence import Repeat, WeekOfMonth, build_rrule, normalise_rrule, parse_rrule
from .review import ReviewByMixin
from .timezone import calendar_timezone

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class CalendarTemplateMixin:
    """Gives the plugin's templates the base template they extend (``EVENTS_BASE_TEMPLATE``)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events_base_template"] = setting("EVENTS_BASE_TEMPLATE")
        return context


@register_snippet
class EventCategory(TranslatableMixin, models.Model):
    """What kind of event it is (Infoabend, Jobmesse, Sprachcafé ...): one list, translated like pages."""

    name = models.CharField(_("Name"), max_length=80)
    slug = models.SlugField(
        _("Kurzname für Adressen"),
        max_length=80,
        help_text=_("Kleinbuchstaben ohne Leerzeichen, z. B. „sprachcafe“. Er erscheint in Filter-Adressen."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Veranstaltungsart")
        verbose_name_plural = _("Veranstaltungsarten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventIndexPage(CalendarTemplateMixin, Page):
    """The events of one working group; it lives in that group's section of the site."""

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    override_translatable_fields = [SynchronizedField("slug")]

    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")
        verbose_name_plural = _("Veranstaltungsübersichten")

    @property
    def working_group(self):
        """The working group page that owns this index (``EVENTS_WORKING_GROUPS``; default its parent page)."""
        return working_group(self)

    def get_context(self, request, *args, **kwargs):
        from .page_views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class EventPageForm(WagtailAdminPageForm):
    languages = forms.MultipleChoiceField(
        label=_("Sprachen bei der Veranstaltung"),
        choices=spoken_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("In welchen Sprachen wird gesprochen oder übersetzt?"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the categories of the page's own language (a plain list, not a chooser over all 13 languages).
        category = self.fields.get("category")
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if category is not None and locale_id:
            category.queryset = category.queryset.filter(locale_id=locale_id).order_by("name")


class EventPage(CalendarTemplateMixin, EventTimes, ReviewByMixin, Page):
    """One event, or a series of events on a regular schedule."""

    # Set on events in lists and the API: the owner of the event's index (see ``FilterOptions.group_for``).
    working_group_page = None

    start = models.DateTimeField(
        _("Beginn"),
        help_text=_("Datum und Uhrzeit in der Zeitzone der Website. Bei einer Reihe: der erste Termin."),
    )
    end = models.DateTimeField(
        _("Ende"),
        null=True,
        blank=True,
        help_text=_("Wann der (erste) Termin endet. Bei ganztägigen Veranstaltungen genügt der letzte Tag."),
    )
    all_day = models.BooleanField(_("Ganztägig"), default=False)

    repeat = models.CharField(_("Wiederholung"), max_length=10, choices=Repeat.choices, blank=True, default="")
    repeat_interval = models.PositiveSmallIntegerField(
        _("Alle wie viele Wochen?"),
        default=1,
        help_text=_("1 = jede Woche, 2 = alle zwei Wochen und so weiter."),
    )
    repeat_week_of_month = models.SmallIntegerField(
        _("Am wievielten Wochentag im Monat?"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Der Wochentag ist der Wochentag des ersten Termins, z. B. „am ersten“ Dienstag."),
    )
    repeat_until = models.DateField(_("Wiederholen bis"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("Oder: Anzahl der Termine"),
        null=True,
        blank=True,
        help_text=_("Leer lassen, wenn oben ein Enddatum steht oder die Reihe kein festes Ende hat."),
    )
    rrule = models.CharField(
        _("Wiederholungsregel (RFC 5545)"),
        max_length=500,
        blank=True,
        help_text=_("Wird aus den Angaben oben erzeugt."),
    )
    last_end = models.DateTimeField(
        _("Ende des letzten Termins"), null=True, blank=True, editable=False, db_index=True
    )

    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("Veranstaltungsart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("Beschreibung"), blank=True, features=RICH_TEXT_FEATURES)
    languages = models.JSONField(_("Sprachen bei der Veranstaltung"), default=list, blank=True)
    target_group = models.CharField(
        _("Für wen?"), max_length=255, blank=True, help_text=_("Zum Beispiel „Geflüchtete Frauen“ oder „Alle“.")
    )
    cost = models.CharField(_("Kosten"), max_length=120, blank=True, help_text=_("Zum Beispiel „kostenlos“."))
    organiser = models.CharField(_("Veranstalter"), max_length=255, blank=True)

    registration_required = models.BooleanField(_("Anmeldung nötig"), default=False)
    registration_url = models.URLField(_("Link zur Anmeldung"), blank=True)
    registration_contact = models.CharField(
        _("Anmeldung bei"),
        max_length=255,
        blank=True,
        help_text=_("Stelle, Telefonnummer oder E-Mail-Adresse, die öffentlich genannt werden darf."),
    )
    registration_deadline = models.DateField(_("Anmeldung bis"), null=True, blank=True)

    venue_name = models.CharField(_("Ort (Name)"), max_length=255, blank=True, help_text=_("Zum Beispiel „Rathaus, Saal 1“."))
    venue_address = models.TextField(_("Adresse"), blank=True)
    town = models.CharField(_("Stadt oder Gemeinde"), max_length=120, blank=True, db_index=True,
                            help_text=_("Für den Filter „Ort“. Bei reinen Online-Terminen: „online“."))
    latitude = models.DecimalField(_("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True)
    venue_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite zum Ort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Freiwillig: eine Seite der Website über den Ort oder die Einrichtung."),
    )
    online_url = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    info_url = models.URLField(_("Weitere Informationen im Internet"), blank=True)

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled = models.BooleanField(
        _("Abgesagt"),
        default=False,
        help_text=_("Die Veranstaltung bleibt sichtbar, wird aber deutlich als abgesagt gezeigt und so an Kalender-Abos gemeldet."),
    )
    cancellation_note = models.CharField(_("Hinweis zur Absage"), max_length=255, blank=True)

    sequence = models.PositiveIntegerField(_("Änderungszähler"), default=0, editable=False)
    ical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    import_uid = models.CharField(_("UID aus dem Import"), max_length=255, blank=True, db_index=True, editable=False)

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("Wann"),
        ),
        RecurrencePanel(
            [
                SeriesSummaryPanel(),
                FieldPanel("repeat"),
                FieldRowPanel([FieldPanel("repeat_interval"), FieldPanel("repeat_week_of_month")]),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=_("Wiederholung"),
            classname="collapsed",
        ),
        InlinePanel("exceptions", heading=_("Einzelne Termine absagen oder verschieben"), label=_("Ausnahme")),
        FieldPanel("category", widget=forms.Select),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("town"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("venue_page"),
                FieldPanel("online_url"),
            ],
            heading=_("Wo"),
        ),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("target_group"), FieldPanel("cost"), FieldPanel("organiser")],
            heading=_("Für wen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldPanel("registration_url"),
                FieldPanel("registration_contact"),
                FieldPanel("registration_deadline"),
            ],
            heading=_("Anmeldung"),
        ),
        FieldPanel("info_url"),
        FieldPanel("image"),
        MultiFieldPanel([FieldPanel("cancelled"), FieldPanel("cancellation_note")], heading=_("Absage")),
        *ReviewByMixin.review_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("town"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("town"),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("rrule"),
        APIField("category"),
        APIField("description"),
        APIField("languages"),
        APIField("town"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("online_url"),
        APIField("cancelled"),
        APIField("sequence"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("town"),
        SynchronizedField("venue_address"),
        SynchronizedField("rrule"),
        SynchronizedField("repeat"),
        SynchronizedField("import_uid"),
        SynchronizedField("ical_fingerprint"),
        SynchronizedField("registration_contact"),
        SynchronizedField("registration_url"),
        SynchronizedField("online_url"),
        SynchronizedField("info_url"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [models.Index(fields=["start", "last_end"])]

    # --- schedule -------------------------------------------------------

    def clean(self):
        super().clean()
        if self.start is None:
            return
        if self.end is None and not self.all_day:
            raise ValidationError({"end": _("Bitte geben Sie an, wann die Veranstaltung endet.")})
        if self.end is not None and self.end < self.start and not (self.all_day and self.end.date() == self.start.date()):
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})
        if self.repeat_until and self.repeat_count:
            raise ValidationError(
                {"repeat_count": _("Bitte entweder ein Enddatum oder eine Anzahl angeben, nicht beides.")}
            )
        if self.repeat == Repeat.MONTHLY_WEEKDAY and not self.repeat_week_of_month:
            raise ValidationError({"repeat_week_of_month": _("Bitte wählen Sie, am wievielten Wochentag.")})
        if self.repeat_until and self.repeat_until < self.local_start.date():
            raise ValidationError({"repeat_until": _("Das Enddatum der Reihe liegt vor dem ersten Termin.")})
        self.prepare_schedule()
        if self.rrule:
            rule = parse_rrule(self.rrule, self.start)
            first = next(iter(rule), None)
            if self.repeat != Repeat.IMPORTED and first != self.local_start:
                raise ValidationError(
                    {"repeat_week_of_month": _("Der Beginn ist kein Termin dieser Reihe. Bitte wählen Sie als Beginn den ersten Termin, z. B. den ersten Dienstag eines Monats.")}
                )

    def prepare_schedule(self):
        """Normalise all-day times, build the RRULE and remember when the series ends."""
        if self.all_day:
            first_day = self.local_start.date()
            self.start = datetime.combine(first_day, time.min, tzinfo=calendar_timezone())
            end_local = self.end.astimezone(calendar_timezone()) if self.end else None
            if end_local is None or end_local <= self.start:
                last_day = first_day
            elif end_local.time() == time.min:
                last_day = end_local.date() - timedelta(days=1)
            else:
                last_day = end_local.date()
            self.end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=calendar_timezone())
        elif self.end is None:
            self.end = self.start
        if self.repeat != Repeat.IMPORTED:
            self.rrule = normalise_rrule(build_rrule(
                self.repeat,
                self.start,
                interval=self.repeat_interval,
                week_of_month=self.repeat_week_of_month,
                until=self.repeat_until,
                count=self.repeat_count,
            ))
        else:
            self.rrule = normalise_rrule(self.rrule)
        self.last_end = self._compute_last_end()

    def _compute_last_end(self):
        from .occurrences import series_last_end

        return series_last_end(self)

    # --- change tracking for subscribers -------------------------------

    def schedule_fingerprint(self):
        """A hash of everything a subscriber's calendar shows; SEQUENCE rises when it changes."""
        exceptions = sorted(
            (
                str(item.date),
                item.cancelled,
                item.new_start.isoformat() if item.new_start else "",
                item.new_end.isoformat() if item.new_end else "",
                item.note,
            )
            for item in self.exceptions.all()
        )
        data = [
            self.title,
            self.start.isoformat() if self.start else "",
            self.end.isoformat() if self.end else "",
            self.all_day,
            self.rrule,
            self.cancelled,
            self.cancellation_note,
            self.venue_name,
            self.venue_address,
            self.town,
            self.online_url,
            self.description,
            self.category_id,
            exceptions,
        ]
        return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None and self.start is not None:
            self.prepare_schedule()
            fingerprint = self.schedule_fingerprint()
            if self.ical_fingerprint and fingerprint != self.ical_fingerprint:
                self.sequence += 1
            self.ical_fingerprint = fingerprint
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Keep the live change counter: an older draft must never lower it."""
        page = super().with_content_json(content)
        page.sequence = self.sequence
        page.ical_fingerprint = self.ical_fingerprint
        return page

    # --- views ------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from .page_views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context


class EventOccurrenceException(TranslatableMixin, Orderable):
    """One date of a series that is cancelled or moved, with a note for visitors (translatable)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("Datum des regulären Termins"), help_text=_("Welcher Termin der Reihe ist betroffen?"))
    cancelled = models.BooleanField(_("Fällt aus"), default=False)
    new_start = models.DateTimeField(_("Neuer Beginn"), null=True, blank=True)
    new_end = models.DateTimeField(_("Neues Ende"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=255, blank=True, help_text=_("Zum Beispiel „Wegen Ferien“."))

    panels = [
        FieldPanel("date"),
        FieldPanel("cancelled"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Ausnahme")
        verbose_name_plural = _("Ausnahmen")

    def clean(self):
        super().clean()
        if self.new_end and not self.new_start:
            raise ValidationError({"new_start": _("Bitte auch den neuen Beginn angeben.")})
        if self.new_start and self.new_end and self.new_end < self.new_start:
            raise ValidationError({"new_end": _("Das neue Ende liegt vor dem neuen Beginn.")})


class CalendarPage(CalendarTemplateMixin, RoutablePageMixin, Page):
    """The one calendar of all working groups: list by day, month view, archive, feeds."""

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    override_translatable_fields = [SynchronizedField("slug")]

    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Veranstaltungskalender")
        verbose_name_plural = _("Veranstaltungskalender")

    @path("")
    def upcoming(self, request):
        from .page_views import calendar_view

        return calendar_view(self, request, archive=False)

    @path("archiv/", name="archive")
    def archive(self, request):
        from .page_views import calendar_view

        return calendar_view(self, request, archive=True)
