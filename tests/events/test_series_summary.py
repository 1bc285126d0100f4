"""A series in words: in German in the editor's form, in the visitor's language on the event page
(summary, next date, place, description, all dates folded, cancelled dates struck through)."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from events.describe import describe_series
from events.models import EventOccurrenceException, EventPage
from events.recurrence import Repeat, WeekOfMonth
from events.tests.support import translate
from events.timezone import local_now
from tests.events.support import at, publish_event

pytestmark = pytest.mark.django_db


def unsaved(**fields):
    exceptions = fields.pop("exceptions", [])
    page = EventPage(title="Reihe", **fields)
    page.exceptions = [EventOccurrenceException(**item) for item in exceptions]
    return page


def test_weekly_in_german():
    # 6 January 2027 is a Wednesday.
    page = unsaved(start=at(date(2027, 1, 6), 18), end=at(date(2027, 1, 6), 19, 30), repeat=Repeat.WEEKLY)
    assert describe_series(page, "de") == "jeden Mittwoch, 18:00–19:30"


def test_every_two_weeks_with_a_count_in_german():
    page = unsaved(start=at(date(2027, 1, 6), 9), end=at(date(2027, 1, 6), 11), repeat=Repeat.WEEKLY,
                   repeat_interval=2, repeat_count=12)
    assert describe_series(page, "de") == "alle 2 Wochen am Mittwoch, 09:00–11:00, 12 Termine"


def test_monthly_on_a_weekday_until_a_date_except_one_in_german():
    # 13 January 2027 is the second Wednesday of the month.
    page = unsaved(
        start=at(date(2027, 1, 13), 18), end=at(date(2027, 1, 13), 19, 30), repeat=Repeat.MONTHLY_WEEKDAY,
        repeat_week_of_month=WeekOfMonth.SECOND, repeat_until=date(2027, 2, 28),
        exceptions=[{"date": date(2027, 2, 10), "cancelled": True}, {"date": date(2027, 1, 13), "note": "verlegt"}],
    )
    assert describe_series(page, "de") == "jeden zweiten Mittwoch im Monat, 18:00–19:30, bis 28.02.2027, außer 10.02.2027"


def test_last_weekday_with_one_date_and_several_exceptions_in_german():
    page = unsaved(
        start=at(date(2027, 1, 29), 14), end=at(date(2027, 1, 29), 16), repeat=Repeat.MONTHLY_WEEKDAY,
        repeat_week_of_month=WeekOfMonth.LAST, repeat_count=1,
        exceptions=[{"date": date(2027, 3, 26), "cancelled": True}, {"date": date(2027, 2, 26), "cancelled": True}],
    )
    assert describe_series(page, "de") == "jeden letzten Freitag im Monat, 14:00–16:00, 1 Termin, außer 26.02.2027, 26.03.2027"


def test_single_dates_and_imported_rules_are_not_described():
    assert describe_series(unsaved(start=at(date(2027, 1, 6)), end=at(date(2027, 1, 6), 20)), "de") == ""
    imported = unsaved(start=at(date(2027, 1, 6)), end=at(date(2027, 1, 6), 20), repeat=Repeat.IMPORTED,
                       rrule="FREQ=DAILY")
    assert describe_series(imported, "de") == ""


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "every second Wednesday of the month, 18:00–19:30, until"),
        ("ar", "الأربعاء الثاني من كل شهر، 18:00–19:30"),
        ("ti", "ረቡዕ"),
        ("ru", "среда"),
    ],
)
def test_other_languages_use_their_own_phrases_and_24_hour_times(code, expected):
    page = unsaved(start=at(date(2027, 1, 13), 18), end=at(date(2027, 1, 13), 19, 30), repeat=Repeat.MONTHLY_WEEKDAY,
                   repeat_week_of_month=WeekOfMonth.SECOND, repeat_until=date(2027, 2, 28))
    text = describe_series(page, code)
    assert expected in text
    assert "Mittwoch" not in text and "jeden" not in text


# --- the visitor's page -------------------------------------------------------

@pytest.fixture
def series(index_loerrach):
    """A weekly series whose first date was six days ago (the next one is tomorrow); a later date is cancelled."""
    first = local_now().date() - timedelta(days=6)
    cancelled = first + timedelta(days=21)
    page = publish_event(
        index_loerrach, title="Sprachcafé Testreihe", start=at(first, 18), end=at(first, 19, 30), repeat=Repeat.WEEKLY,
        repeat_count=10, venue_name="Stadtbibliothek Testhaus", town="Lörrach",
        description="<p>Wir sprechen zusammen Deutsch.</p>",
        exceptions=[{"date": cancelled, "cancelled": True}],
    )
    return page, first, cancelled


def check_event_page(html, first, cancelled, summary_words, add_to_calendar, cancelled_word):
    html = html[html.index('<article class="event">'):]  # the page's text, not its schema.org data
    summary = re.search(r'<p class="event-series">([^<]+)</p>', html)
    assert summary and all(word in summary.group(1) for word in summary_words)
    assert "18:00–19:30" in summary.group(1)
    next_date = (first + timedelta(days=7)).isoformat()
    next_at = re.search(rf'<dd class="event-next">\s*<time datetime="{next_date}T18:00:00', html).start()
    place_at = html.index("Stadtbibliothek Testhaus")
    description_at = html.index("Wir sprechen zusammen Deutsch.")
    assert next_at < place_at < description_at
    folded = re.search(r'<details class="event-all-dates">\s*<summary>([^<]+)</summary>(.*?)</details>', html, re.S)
    assert folded and "(9)" in folded.group(1)  # ten dates, the first one is over
    assert '<details class="event-all-dates">' in html  # closed: no "open" attribute
    struck = re.search(r'<del><time datetime="' + cancelled.isoformat() + r'T18:00:00[^"]*">[^<]+</time></del> '
                       r'<span class="event-badge event-badge--cancelled">([^<]+)</span>', folded.group(2))
    assert struck and struck.group(1) == cancelled_word
    assert folded.group(2).count("<del>") == 1
    assert re.search(r'<a class="button" href="[^"]+/termin\.ics" download>' + re.escape(add_to_calendar) + "</a>", html)
    assert ".ics)" not in html


def test_event_page_in_german(client, series):
    page, first, cancelled = series
    html = client.get(page.url).content.decode()
    check_event_page(html, first, cancelled, ["Jeden ", "10 Termine", "außer"], "Zum Kalender hinzufügen", "abgesagt")
    assert "Alle Termine (9)" in html


@pytest.mark.parametrize(
    ("code", "summary_words", "add_to_calendar", "cancelled_word"),
    [
        ("ar", ["كل يوم", "10", "باستثناء"], "إضافة إلى التقويم", "ملغاة"),
        ("ti", ["ኩሉ", "10", "ብዘይካ"], "ኣብ ዓውደ ኣዋርሕ ኣእትዉ", "ተሰሪዙ"),
    ],
)
def test_event_page_in_the_visitors_language(client, series, code, summary_words, add_to_calendar, cancelled_word):
    page, first, cancelled = series
    translated = translate(page, Locale.objects.get(language_code=code))
    html = client.get(translated.url).content.decode()
    assert f'<html lang="{code}"' in html
    check_event_page(html, first, cancelled, summary_words, add_to_calendar, cancelled_word)
    assert "jeden" not in html and "Zum Kalender" not in html and "Alle Termine" not in html


def test_a_single_event_has_no_summary_and_no_folded_list(client, index_loerrach):
    day = local_now().date() + timedelta(days=5)
    page = publish_event(index_loerrach, title="Einzeltermin Test", start=at(day, 18), end=at(day, 20), town="Lörrach")
    html = client.get(page.url).content.decode()
    assert 'class="event-series"' not in html and "event-all-dates" not in html
    assert "Zum Kalender hinzufügen" in html


# --- the editor's form --------------------------------------------------------

def test_the_edit_form_describes_the_series_and_hides_the_rule(client, index_loerrach):
    first = local_now().date() + timedelta(days=3)
    page = publish_event(index_loerrach, title="Reihe im Formular", start=at(first, 18), end=at(first, 19, 30),
                         repeat=Repeat.WEEKLY, repeat_until=first + timedelta(days=70))
    admin = get_user_model().objects.create_superuser("chef-reihe", "chef-reihe@example.org", "pw-Xy7!long-reihe")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    html = response.content.decode()
    summary = describe_series(page, "de")
    assert summary.startswith("jeden ") and "bis " in summary
    assert f'<p class="event-series-summary"><strong>Die Reihe:</strong> {summary}</p>' in html
    assert "RFC 5545" not in html and 'name="rrule"' not in html
    assert 'name="repeat"' in html


def test_the_recurrence_panel_is_collapsed_only_for_a_single_date(client, index_loerrach):
    first = local_now().date() + timedelta(days=3)
    single = publish_event(index_loerrach, title="Einzeln", start=at(first, 18), end=at(first, 19))
    weekly = publish_event(index_loerrach, title="Woechentlich", start=at(first, 18), end=at(first, 19),
                           repeat=Repeat.WEEKLY)
    admin = get_user_model().objects.create_superuser("chef-panel", "chef-panel@example.org", "pw-Xy7!long-panel")
    client.force_login(admin)

    def recurrence_panel(page):
        html = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
        [section] = re.findall(r'<section class="([^"]*)"[^>]*>\s*<div class="w-panel__header">(?:(?!</section>).)*?Wiederholung<',
                               html, re.S)
        return section

    assert "collapsed" in recurrence_panel(single)
    assert "collapsed" not in recurrence_panel(weekly)


# --- queries ------------------------------------------------------------------

def queries_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_series_page_reads_its_exceptions_once(client, index_loerrach):
    """The dates, the next date and the summary all read one prefetch of the exceptions: a series costs one
    query more than a single event (two before the summary), however many exceptions it has."""
    day = local_now().date() + timedelta(days=2)
    single = publish_event(index_loerrach, title="Einzeln", start=at(day, 18), end=at(day, 19))
    few = publish_event(index_loerrach, title="Wenige", start=at(day, 18), end=at(day, 19), repeat=Repeat.WEEKLY,
                        exceptions=[{"date": day + timedelta(days=7), "cancelled": True}])
    many = publish_event(index_loerrach, title="Viele", start=at(day, 18), end=at(day, 19), repeat=Repeat.WEEKLY,
                         exceptions=[{"date": day + timedelta(days=7 * n), "cancelled": True} for n in range(1, 8)])
    assert queries_of(client, many.url) == queries_of(client, few.url) == queries_of(client, single.url) + 1


def test_languages_spoken_are_named_in_the_visitors_language_and_their_own(client, index_loerrach):
    day = local_now().date() + timedelta(days=5)
    page = publish_event(index_loerrach, title="Elterncafé Sprachen", start=at(day, 18), end=at(day, 20),
                         languages=["de", "ar", "ti"])
    html = client.get(page.url).content.decode()
    assert ('<dd class="event-languages">Deutsch, Arabisch (<span lang="ar" dir="auto">العربية</span>), '
            'Tigrinya (<span lang="ti" dir="auto">ትግርኛ</span>)</dd>') in html
    arabic = translate(page, Locale.objects.get(language_code="ar"))
    html = client.get(arabic.url).content.decode()
    found = re.search(r'<dd class="event-languages">(.*?)</dd>', html).group(1)
    assert found.startswith('الألمانية (<span lang="de" dir="auto">Deutsch</span>), العربية, ')


def test_the_category_list_offers_only_the_pages_own_language(client, index_loerrach):
    from events.models import EventCategory

    first = local_now().date() + timedelta(days=3)
    german = EventCategory.objects.filter(locale__language_code="de").order_by("name")
    page = publish_event(index_loerrach, title="Mit Art", start=at(first, 18), end=at(first, 19), category=german[0])
    admin = get_user_model().objects.create_superuser("chef-art", "chef-art@example.org", "pw-Xy7!long-art")
    client.force_login(admin)
    html = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    select = re.search(r'<select name="category" id="id_category">(.*?)</select>', html, re.S).group(1)
    offered = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
    assert offered == [category.name for category in german]
    assert re.search(rf'<option value="{german[0].pk}" selected>', select)
