"""Dates, times, categories and holiday names on the public pages in the visitor's language:
dates from babel (CLDR), one 24-hour clock in the calendar and the directory, the Arabic comma
between date and time, and no German "24.12." on pages in other languages."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from babel import Locale
from babel.dates import format_date
from bs4 import BeautifulSoup

from events.models import EventPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "ar", "uk", "tr", "fa", "ps", "ti", "ku", "ru", "so", "fr", "ro"]
GERMAN_DAY_MONTH = re.compile(r"\b\d{1,2}\.\d{1,2}\.")
# Four days before Christmas Eve, in Berlin: the demo office's closures on 24 and 31 December are coming up.
BEFORE_CHRISTMAS = datetime(2026, 12, 20, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
HOLIDAY_NAMES = {
    "de": ("Heiligabend", "Silvester"),
    "en": ("Christmas Eve", "New Year's Eve"),
    "ar": ("ليلة عيد الميلاد", "ليلة رأس السنة"),
    "ti": ("ዋዜማ ልደት", "ዋዜማ ሓዲሽ ዓመት"),
    "fa": ("شب کریسمس", "شب سال نو میلادی"),
}


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def exception_items(client, language):
    with time_machine.travel(BEFORE_CHRISTMAS, tick=False):
        page = soup(client, f"/{language}/organisationsverzeichnis/beispiel-migrationsberatung/")
    heading = page.find("section", attrs={"aria-labelledby": "hours-heading"})
    return page, [item.get_text(" ", strip=True) for item in heading.select("ul li")]


def infoabend(language):
    """The demo's "Infoabend" event of the first working group, in ``language``."""
    return EventPage.objects.live().filter(locale__language_code=language, slug="beispiel-infoabend-anerkennung").order_by("path").first()


def times_on(text):
    return re.findall(r"\d+:\d+", text)


def assert_24_hour(text, language):
    periods = Locale.parse(language).day_periods["format"]["abbreviated"]
    markers = "|".join(re.escape(periods[key]) for key in ("am", "pm"))
    assert times_on(text), text
    assert all(re.fullmatch(r"\d\d:\d\d", value) for value in times_on(text)), text
    assert not re.search(rf"\d:\d\d\s*({markers})", text), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_exceptions_are_dated_by_babel_in_every_language(client, language):
    page, items = exception_items(client, language)
    expected = [format_date(day, "full", locale=language) for day in (date(2026, 12, 24), date(2026, 12, 31))]
    assert [item.split(":")[0].strip() for item in items] == expected
    if language != "de":
        hours = page.find("section", attrs={"aria-labelledby": "hours-heading"}).get_text(" ", strip=True)
        assert not GERMAN_DAY_MONTH.search(hours)
        assert "Heiligabend" not in hours and "Silvester" not in hours


@pytest.mark.parametrize("language", sorted(HOLIDAY_NAMES))
def test_holiday_names_in_the_visitors_language(client, language):
    _page, items = exception_items(client, language)
    christmas_eve, new_years_eve = HOLIDAY_NAMES[language]
    assert christmas_eve in items[0] and new_years_eve in items[1]


@pytest.mark.parametrize("language", ["ar", "fa", "ti", "en", "de"])
def test_one_24_hour_clock_in_the_calendar_and_the_directory(client, language):
    with time_machine.travel(BEFORE_CHRISTMAS, tick=False):
        directory = soup(client, f"/{language}/organisationsverzeichnis/beispiel-migrationsberatung/")
    hours = directory.select_one("table.opening-hours").get_text(" ", strip=True)
    assert_24_hour(hours, language)
    event = infoabend(language)
    times = " ".join(item.get_text(" ", strip=True) for item in soup(client, event.url).select("time"))
    assert_24_hour(times, language)


def test_arabic_event_dates_join_date_and_time_with_the_arabic_comma(client):
    event = infoabend("ar")
    texts = [item.get_text(strip=True) for item in soup(client, event.url).select("time") if times_on(item.get_text())]
    assert texts
    for text in texts:
        assert "," not in text, text
        assert re.search(r"\d{4}، \d\d:\d\d", text), text  # "الخميس، 10 ديسمبر 2026، 18:00 – 20:00"


@pytest.mark.parametrize(("language", "name"), [("ar", "أمسية معلومات"), ("ti", "ምሸት ሓበሬታ"), ("en", "Information evening")])
def test_event_categories_in_the_visitors_language(client, language, name):
    event = infoabend(language)
    page = soup(client, event.url)
    kind = [dd.get_text(strip=True) for dt, dd in zip(page.select("dt"), page.select("dd"), strict=False)
            if dd.get_text(strip=True) in (name, "Infoabend")]
    assert kind == [name]
    listing = soup(client, event.get_parent().url)
    categories = {span.get_text(strip=True) for span in listing.select(".event-item span")}
    assert name in categories and "Infoabend" not in categories
