"""Run inside a project fresh from `wagtail start hostsite`: add both plugins as their READMEs say, migrate,
create a directory page with one entry and a calendar with one event, and check that every public address
answers 200 with content that independent parsers read (vobject for the vCard, icalendar for the feeds).

Nothing of the AK Migration site is importable here; only what pip installed from the plugin folders.
"""

import json
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

PROJECT = Path.cwd()
PLUGIN_APPS = ["wagtail_localize", "wagtail_localize.locales", "wagtail.contrib.routable_page", "orgdirectory", "events"]


def configure_project():
    settings_file = PROJECT / "hostsite" / "settings" / "base.py"
    text = settings_file.read_text()
    if "# plugins" not in text:
        text += (
            "\n# plugins\n"
            f"INSTALLED_APPS = [app for app in {PLUGIN_APPS!r} if app not in INSTALLED_APPS] + INSTALLED_APPS\n"
            "LANGUAGE_CODE = 'de'\n"
            "LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [('de', 'Deutsch'), ('en', 'English'), ('ar', 'العربية')]\n"
            "WAGTAIL_I18N_ENABLED = True\n"
            "USE_TZ = True\n"
            "TIME_ZONE = 'Europe/Vienna'\n"
        )
        settings_file.write_text(text)
    urls_file = PROJECT / "hostsite" / "urls.py"
    text = urls_file.read_text()
    if "orgdirectory.urls" not in text:
        text = text.replace(
            'path("documents/", include(wagtaildocs_urls)),',
            'path("documents/", include(wagtaildocs_urls)),\n'
            '    path("api/v2/organisations/", include("orgdirectory.urls")),\n'
            '    path("api/events/", include("events.urls")),\n'
            '    path("", include("events.ics_urls")),',
        )
        assert "orgdirectory.urls" in text, "the urls.py of `wagtail start` changed: adapt this check"
        urls_file.write_text(text)


def check(client, url, content_type=None, must_contain=None):
    response = client.get(url, HTTP_HOST="localhost")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        sys.exit(f"FAIL {url}: {response.status_code}\n{body[:2000].decode(errors='replace')}")
    if content_type and not response["Content-Type"].startswith(content_type):
        sys.exit(f"FAIL {url}: Content-Type {response['Content-Type']}, expected {content_type}")
    text = body.decode()
    if must_contain and must_contain not in text:
        sys.exit(f"FAIL {url}: {must_contain!r} not in the answer")
    print(f"ok  {url} ({len(body)} bytes)")
    return text


def main():
    configure_project()
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

    from django.test import Client
    from django.utils import timezone
    from wagtail.models import Page

    from events.models import CalendarPage, EventIndexPage, EventPage
    from orgdirectory.models import DirectoryPage, Organisation

    home = Page.objects.get(depth=2).specific
    directory = DirectoryPage(title="Verzeichnis", slug="verzeichnis")
    home.add_child(instance=directory)
    directory.save_revision().publish()
    organisation = Organisation(locale=home.locale, name="Beispielberatung (Test)", key="beispielberatung",
                                town="Beispielstadt")
    organisation.save()
    organisation.save_revision().publish()

    calendar = CalendarPage(title="Kalender", slug="kalender")
    home.add_child(instance=calendar)
    calendar.save_revision().publish()
    index = EventIndexPage(title="Veranstaltungen", slug="veranstaltungen")
    home.add_child(instance=index)
    index.save_revision().publish()
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=18, minute=0, second=0, microsecond=0)
    event = EventPage(title="Beispielabend (Test)", slug="beispielabend", start=start, end=start + timedelta(hours=2))
    index.add_child(instance=event)
    event.save_revision().publish()

    import icalendar
    import vobject

    client = Client()
    check(client, directory.url, "text/html", "Beispielberatung (Test)")
    check(client, f"{directory.url}beispielberatung/", "text/html", "Beispielberatung (Test)")
    card = vobject.readOne(check(client, f"{directory.url}beispielberatung/vcard/", "text/vcard"))
    assert card.fn.value == "Beispielberatung (Test)", card.fn.value
    api = json.loads(check(client, "/api/v2/organisations/", "application/json"))
    assert "Beispielberatung (Test)" in json.dumps(api, ensure_ascii=False), api

    check(client, calendar.url, "text/html", "Beispielabend (Test)")
    check(client, f"{calendar.url}?ansicht=monat&monat={start:%Y-%m}", "text/html", "Beispielabend (Test)")
    check(client, event.url, "text/html", "Beispielabend (Test)")
    for feed in (f"{calendar.url}feed.ics", f"{index.url}feed.ics", f"{event.url}termin.ics"):
        parsed = icalendar.Calendar.from_ical(check(client, feed, "text/calendar"))
        [vevent] = parsed.walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Beispielabend (Test)", vevent["SUMMARY"]
        assert vevent.decoded("DTSTART") == start, (vevent.decoded("DTSTART"), start)
    day = start.date()
    occurrences = json.loads(check(client, f"/api/events/occurrences/?start={day}&end={day + timedelta(days=1)}",
                                   "application/json"))
    assert "Beispielabend (Test)" in json.dumps(occurrences, ensure_ascii=False), occurrences
    assert re.search(r"lang=\"de\"", check(client, calendar.url))
    print(f"both plugins work in a fresh wagtail project ({datetime.now():%Y-%m-%d %H:%M})")


if __name__ == "__main__":
    main()
