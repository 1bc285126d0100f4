"""Dates, times and holiday names of opening hours in the visitor's language, from babel (CLDR),
with one 24-hour clock in every language. The test clock is Monday 2026-11-23, 17:30 in Berlin."""

import re
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest
from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from django.utils import translation

from orgdirectory import opening_hours
from orgdirectory.models import OpeningException
from orgdirectory.presenters import status_text, upcoming_exceptions, weekly_table

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "ar", "uk", "tr", "fa", "ps", "ti", "ku", "ru", "so", "fr", "ro"]
GERMAN_DAY_MONTH = re.compile(r"\b\d{1,2}\.\d{1,2}\.")


@pytest.fixture
def office(entries):
    office, _course = entries
    office.opening_exceptions = [
        OpeningException(day=date(2026, 12, 24), closed=True, note="Heiligabend"),
        OpeningException(day=date(2026, 12, 7), closed=False, opens=time(9), closes=time(12), note="Betriebsversammlung"),
        OpeningException(day=date(2026, 12, 7), closed=False, opens=time(14), closes=time(16)),
    ]
    office.save()
    return office


def in_ten_days():
    """Closed now, opening again in ten days at 09:00 (a date far enough ahead to be written out)."""
    opening = datetime.combine(opening_hours.now_local().date() + timedelta(days=10), time(9), tzinfo=opening_hours.now_local().tzinfo)
    return SimpleNamespace(is_open=False, next_opening=opening, closes_at=None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_times_come_from_babel_in_every_language(office, language):
    with translation.override(language):
        status = status_text(in_ten_days(), opening_hours.now_local())
        exceptions = upcoming_exceptions(office)
        monday = weekly_table(office)[0]
    locale = language
    # Closed now; the next opening is in ten days, on Thursday 3 December, at 09:00.
    assert format_skeleton("dM", date(2026, 12, 3), locale=locale) in status
    assert format_date(date(2026, 12, 3), "EEEE", locale=locale) in status
    assert format_time(time(9), "HH:mm", locale=locale) in status
    assert [item["label"] for item in exceptions] == [
        format_date(date(2026, 12, 7), "full", locale=locale), format_date(date(2026, 12, 24), "full", locale=locale)
    ]
    assert monday["hours"] == f"{format_time(time(9), 'HH:mm', locale=locale)}–{format_time(time(17), 'HH:mm', locale=locale)}"
    if language != "de":
        assert not GERMAN_DAY_MONTH.search(status + " ".join(item["label"] for item in exceptions))


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_24_hour_clock_and_no_mixed_digits(office, language):
    with translation.override(language):
        text = status_text(in_ten_days(), opening_hours.now_local()) + " | " + " | ".join(item["hours"] for item in upcoming_exceptions(office))
    assert "09:00" in text and "14:00–16:00" in text
    periods = Locale.parse(language).day_periods["format"]["abbreviated"]
    markers = "|".join(re.escape(periods[key]) for key in ("am", "pm"))
    assert not re.search(rf"\d:\d\d\s*({markers})|({markers})\s*\d", text)  # no 12-hour "9:00 AM" / "9:00 م"
    assert re.findall(r"\d+:\d+", text) == re.findall(r"\b\d\d:\d\d\b", text)  # always two-digit hours
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", text)  # Latin digits throughout, never mixed with Arabic-Indic ones


def test_arabic_joins_times_with_the_arabic_comma(office):
    with translation.override("ar"):
        december_seventh = upcoming_exceptions(office)[0]
    assert december_seventh["hours"] == "09:00–12:00، 14:00–16:00"
    assert "," not in december_seventh["hours"] + december_seventh["label"]


@pytest.mark.parametrize(
    ("language", "holiday"), [("de", "Heiligabend"), ("en", "Christmas Eve"), ("ar", "ليلة عيد الميلاد"), ("ti", "ዋዜማ ልደት")]
)
def test_holiday_names_are_translated_and_other_notes_stay_as_written(office, language, holiday):
    with translation.override(language):
        exceptions = upcoming_exceptions(office)
    assert [item["note"] for item in exceptions] == ["Betriebsversammlung", holiday]


def test_the_detail_page_shows_the_babel_date_and_the_translated_holiday(client, directory, office):
    with translation.override("en"):
        html = client.get(directory.url + "beratungsstelle-nord/", headers={"accept-language": "en"}).content.decode()
    # The test site serves the German page; its exception reads as German CLDR writes it.
    assert "Donnerstag, 24. Dezember 2026" in html and "(Heiligabend)" in html
    assert "24.12.26" not in html
