"""Example events for the demo site: clearly marked, dated relative to the first load.

The seed names no events, so every event here is an example: "Beispiel:" in the
title and a note in the description. No people or addresses are invented; the
venue is only a town name (or "online"). Most examples are series without an
end, so the calendar is never empty however long ago the demo was loaded.

Idempotent: an index that already has events is left alone, so a later run
("relative to today" on another day) creates nothing new.
"""

from datetime import datetime, time, timedelta

from dateutil.rrule import MONTHLY, WE, rrule, rrulestr
from django.conf import settings
from django.utils.html import escape
from wagtail.models import Locale

from events.models import EventCategory, EventIndexPage, EventOccurrenceException, EventPage
from events.recurrence import Repeat, build_rrule
from events.timezone import calendar_timezone, local_now
from operations.content import publish_child

EXAMPLE_NOTE = (
    "Beispielinhalt: Diese Veranstaltung gibt es nicht wirklich. Sie zeigt nur, wie der Kalender aussehen kann."
)
CATEGORIES = [
    ("infoabend", "Infoabend"),
    ("jobmesse", "Jobmesse"),
    ("sprachcafe", "Sprachcafé"),
    ("beratung", "Beratung"),
    ("netzwerktreffen", "Netzwerktreffen"),
    ("fachtag", "Fachtag"),
]


def ensure_categories(locale):
    return {
        slug: EventCategory.objects.get_or_create(locale=locale, slug=slug, defaults={"name": name})[0]
        for slug, name in CATEGORIES
    }


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=calendar_timezone())


def _description(text):
    return f"<p>{escape(text)}</p><p><em>{escape(EXAMPLE_NOTE)}</em></p>"


def _nth_date(rule_text, start, index):
    """The ``index``-th date of a series (by dateutil, as the calendar expands it)."""
    return rrulestr(rule_text, dtstart=start)[index].date()


def example_events(group, town, categories, today):
    """A handful of events for one working group: two series, two single dates, one of them cancelled."""
    organiser = group.title
    weekly_start = _at(today + timedelta(days=2), 17)
    weekly_rule = build_rrule(Repeat.WEEKLY, weekly_start, interval=1 if town == "Lörrach" else 2)
    monthly_start = rrule(MONTHLY, byweekday=WE(+1), dtstart=_at(today, 14), count=1)[0].replace(tzinfo=calendar_timezone())
    monthly_rule = build_rrule(Repeat.MONTHLY_WEEKDAY, monthly_start, week_of_month=1)
    return [
        EventPage(
            title="Beispiel: Sprachcafé – Deutsch sprechen in entspannter Runde"
            if town == "Lörrach"
            else "Beispiel: Offene Beratungsstunde alle zwei Wochen",
            slug="beispiel-sprachcafe" if town == "Lörrach" else "beispiel-beratungsstunde",
            start=weekly_start,
            end=weekly_start + timedelta(hours=1, minutes=30),
            repeat=Repeat.WEEKLY,
            repeat_interval=1 if town == "Lörrach" else 2,
            category=categories["sprachcafe" if town == "Lörrach" else "beratung"],
            description=_description("Ein regelmäßiges Treffen zum Kennenlernen und Fragenstellen."),
            languages=["de", "ar", "uk", "tr"] if town == "Lörrach" else ["de", "ar", "fa", "ru"],
            target_group="Alle Interessierten",
            cost="kostenlos",
            organiser=organiser,
            town=town,
            exceptions=[
                EventOccurrenceException(
                    date=_nth_date(weekly_rule, weekly_start, 2),
                    cancelled=True,
                    note="Beispiel: Dieser Termin fällt wegen der Ferien aus.",
                )
            ],
        ),
        EventPage(
            title="Beispiel: Netzwerktreffen am ersten Mittwoch im Monat",
            slug="beispiel-netzwerktreffen",
            start=monthly_start,
            end=monthly_start + timedelta(hours=2),
            repeat=Repeat.MONTHLY_WEEKDAY,
            repeat_week_of_month=1,
            category=categories["netzwerktreffen"],
            description=_description("Die Mitglieder des Arbeitskreises tauschen sich über aktuelle Themen aus."),
            languages=["de"],
            target_group="Fachleute aus Beratung, Verwaltung und Bildung",
            cost="kostenlos",
            organiser=organiser,
            town=town,
            exceptions=[
                EventOccurrenceException(
                    date=_nth_date(monthly_rule, monthly_start, 1),
                    new_start=_at(_nth_date(monthly_rule, monthly_start, 1) + timedelta(days=1), 15),
                    new_end=_at(_nth_date(monthly_rule, monthly_start, 1) + timedelta(days=1), 17),
                    note="Beispiel: Dieses Treffen ist auf den Donnerstag verschoben.",
                )
            ],
        ),
        EventPage(
            title="Beispiel: Infoabend zur Anerkennung ausländischer Berufsabschlüsse",
            slug="beispiel-infoabend-anerkennung",
            start=_at(today + timedelta(days=10), 18),
            end=_at(today + timedelta(days=10), 20),
            category=categories["infoabend"],
            description=_description("Wie läuft die Anerkennung ab, welche Unterlagen braucht man, wer hilft?"),
            languages=["de", "en", "ar"],
            target_group="Zugewanderte mit Berufsabschluss aus dem Ausland",
            cost="kostenlos",
            registration_required=True,
            registration_deadline=today + timedelta(days=8),
            organiser=organiser,
            town=town,
        ),
        EventPage(
            title="Beispiel: Jobmesse für Zugewanderte",
            slug="beispiel-jobmesse",
            start=_at(today + timedelta(days=24), 10),
            end=_at(today + timedelta(days=24), 15),
            category=categories["jobmesse"],
            description=_description("Betriebe aus der Region stellen Stellen und Ausbildungsplätze vor."),
            languages=["de", "en"],
            target_group="Arbeitsuchende und Auszubildende",
            cost="kostenlos",
            organiser=organiser,
            town=town,
            cancelled=town == "Waldshut-Tiengen",
            cancellation_note="Beispiel: Die Jobmesse ist abgesagt." if town == "Waldshut-Tiengen" else "",
        ),
    ]


def online_events(group, categories, today):
    return [
        EventPage(
            title="Beispiel: Fachtag Arbeitsmarktintegration",
            slug="beispiel-fachtag",
            start=_at(today + timedelta(days=40), 0),
            end=_at(today + timedelta(days=40), 0),
            all_day=True,
            category=categories["fachtag"],
            description=_description("Ein Tag mit Vorträgen und Gesprächen zur Arbeit mit Zugewanderten."),
            languages=["de"],
            target_group="Fachleute",
            organiser=group.title,
            town="online",
        ),
        EventPage(
            title="Beispiel: Online-Sprechstunde Arbeit und Ausbildung",
            slug="beispiel-online-sprechstunde",
            start=_at(today + timedelta(days=5), 16),
            end=_at(today + timedelta(days=5), 17),
            repeat=Repeat.WEEKLY,
            repeat_interval=1,
            repeat_count=20,
            category=categories["beratung"],
            description=_description("Fragen zu Arbeit, Ausbildung und Anerkennung, per Video."),
            languages=["de", "en", "ar", "uk"],
            target_group="Zugewanderte",
            cost="kostenlos",
            organiser=group.title,
            town="online",
        ),
    ]


GROUP_TOWNS = {
    "ak-migration-loerrach": "Lörrach",
    "ak-migration-waldshut": "Waldshut-Tiengen",
}


def load_demo_events(group_pages):
    """Example events in each group's event index (``setup_site`` made the indexes and the calendar) while it is empty."""
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    categories = ensure_categories(locale)
    today = local_now().date()
    for group in group_pages:
        index = EventIndexPage.objects.child_of(group).first()
        if index is None or EventPage.objects.child_of(index).exists():
            continue
        town = GROUP_TOWNS.get(group.slug)
        events = example_events(group, town, categories, today) if town else online_events(group, categories, today)
        for event in events:
            publish_child(index, event)
