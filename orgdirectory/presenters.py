"""What the detail page, the result list and the API show about an organisation, in the visitor's language."""

import json
from datetime import UTC, datetime, time, timedelta
from urllib.parse import quote, quote_plus

from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from . import dates, opening_hours
from .conf import setting
from .holidays import translated_note
from .languages import is_rtl, native_name
from .validators import dialable
from .vcard import has_contact_data

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
UPCOMING_EXCEPTION_DAYS = 60


def day_names(language=None):
    """Monday..Sunday in the visitor's language (CLDR names, which cover every site language)."""
    return dates.weekday_names(language)


def checked_text(organisation, language=None):
    """„zuletzt geprüft am <date>“ in the visitor's language, the date written as CLDR writes it there;
    empty when nobody has confirmed the entry yet. ``organisation`` is the German entry, whose date counts."""
    if not organisation.last_checked:
        return ""
    day = dates.long_date(organisation.last_checked, language)
    return _("zuletzt geprüft am %(date)s") % {"date": day}


def clock(value):
    """A time for people: 24-hour in every language (see ``orgdirectory.dates``)."""
    return dates.clock(value)


def iso_clock(value):
    """A time for machines (schema.org, the API): always "HH:MM"."""
    return value.strftime("%H:%M")


def interval_label(opens, closes, closes_next_day=False):
    label = f"{clock(opens)}–{clock(closes)}"
    return f"{label} {_('(am nächsten Tag)')}" if closes_next_day else label


def weekly_table(organisation):
    """Seven rows, Monday first: the day's name and its opening times (empty list = closed)."""
    names = day_names()
    separator = dates.list_separator()
    rows = [{"weekday": index, "name": names[index], "intervals": []} for index in range(7)]
    for item in sorted(organisation.opening_intervals.all(), key=lambda item: (item.weekday, item.opens)):
        rows[item.weekday]["intervals"].append(interval_label(item.opens, item.closes, item.closes_next_day))
    for row in rows:
        row["hours"] = separator.join(row["intervals"])
    return rows


def upcoming_exceptions(organisation, today=None):
    today = today or opening_hours.now_local().date()
    until = today + timedelta(days=UPCOMING_EXCEPTION_DAYS)
    days = {}
    for item in sorted(organisation.opening_exceptions.all(), key=lambda item: (item.day, item.opens or item.day)):
        if not today <= item.day <= until:
            continue
        entry = days.setdefault(
            item.day, {"day": item.day, "label": dates.full_date(item.day), "closed": False, "intervals": [], "note": ""}
        )
        entry["closed"] = entry["closed"] or item.closed
        if not item.closed and item.opens and item.closes:
            entry["intervals"].append(interval_label(item.opens, item.closes))
        entry["note"] = entry["note"] or translated_note(item.note)
    separator = dates.list_separator()
    for entry in days.values():
        entry["hours"] = separator.join(entry["intervals"])
    return list(days.values())


def status_changes_at(status, now):
    """When ``status_text(status, now)`` stops being true: at the next opening or closing, or at
    midnight, when "today" and "tomorrow" move on. ``None`` for an entry without opening hours."""
    if status is None:
        return None
    midnight = datetime.combine(now.astimezone(opening_hours.time_zone()).date() + timedelta(days=1), time.min,
                                tzinfo=opening_hours.time_zone())
    change = status.closes_at if status.is_open else status.next_opening
    return min(moment.astimezone(UTC) for moment in (change, midnight) if moment is not None)


def status_text(status, now=None):
    """"Jetzt geöffnet bis 16:00" / "Geschlossen · öffnet morgen um 8:00" in the visitor's language."""
    if status is None:
        return ""
    now = (now or opening_hours.now_local()).astimezone(opening_hours.time_zone())
    if status.is_open:
        return _("Jetzt geöffnet bis %(time)s") % {"time": clock(status.closes_at.astimezone(opening_hours.time_zone()))}
    if status.next_opening is None:
        return _("Jetzt geschlossen")
    opening = status.next_opening.astimezone(opening_hours.time_zone())
    days_ahead = (opening.date() - now.date()).days
    values = {"time": clock(opening), "day": day_names()[opening.weekday()], "date": dates.day_month(opening)}
    if days_ahead == 0:
        return _("Jetzt geschlossen · öffnet heute um %(time)s") % values
    if days_ahead == 1:
        return _("Jetzt geschlossen · öffnet morgen um %(time)s") % values
    if days_ahead < 7:
        return _("Jetzt geschlossen · öffnet am %(day)s um %(time)s") % values
    return _("Jetzt geschlossen · öffnet am %(day)s, %(date)s, um %(time)s") % values


def address_line(organisation):
    town = " ".join(part for part in [organisation.postcode, organisation.town] if part)
    return ", ".join(part for part in [organisation.street, town] if part)


def readable_query_value(text):
    """``text`` for a URL's query, percent-encoding only what a query cannot hold (spaces as ``+``).

    Letters such as ß or ö stay as they are: browsers encode them when following the link, and a
    printed page shows the address as written (``?query=Hauptstraße+12,+Lörrach``, not ``%C3%9F``).
    """
    return "".join(char if ord(char) > 127 and char.isprintable() and not char.isspace() else quote_plus(char, safe=",/")
                   for char in text)


def map_links(organisation):
    """A ``geo:`` URI (opens the phone's map app) and an OpenStreetMap link; nothing is embedded."""
    if organisation.latitude is not None and organisation.longitude is not None:
        lat, lon = f"{organisation.latitude:f}".rstrip("0"), f"{organisation.longitude:f}".rstrip("0")
        return {
            "geo": f"geo:{lat},{lon}?q={lat},{lon}({quote(organisation.name)})",
            "osm": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
        }
    address = address_line(organisation)
    if not address:
        return None
    return {
        "geo": f"geo:0,0?q={quote(address)}",
        "osm": "https://www.openstreetmap.org/search?query=" + readable_query_value(address),
    }


def languages(organisation):
    return [
        {"code": code, "name": native_name(code), "dir": "rtl" if is_rtl(code) else "ltr"}
        for code in organisation.language_codes()
    ]


SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def json_ld(entry, url=None):
    """schema.org data: a GovernmentOffice for authorities, otherwise a LocalBusiness (an Organization with a place)."""
    shown, source = entry.shown, entry.source
    category_slug = source.category.slug if source.category_id else ""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice" if category_slug == "behoerde" else "LocalBusiness",
        "name": shown.name,
    }
    if url:
        data["url"] = url
    if source.website:
        data["sameAs"] = source.website
    if source.phone:
        data["telephone"] = dialable(source.phone)
    if source.email:
        data["email"] = source.email
    if source.has_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": source.street,
            "postalCode": source.postcode,
            "addressLocality": source.town,
            "addressCountry": setting("ORGDIRECTORY_COUNTRY"),
        }
    if source.latitude is not None and source.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(source.latitude), "longitude": float(source.longitude)}
    specifications = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[item.weekday]}",
            "opens": iso_clock(item.opens),
            "closes": iso_clock(item.closes),
        }
        for item in source.opening_intervals.all()
    ]
    specifications += [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": item.day.isoformat(),
            "validThrough": item.day.isoformat(),
            "opens": "00:00" if item.closed else iso_clock(item.opens),
            "closes": "00:00" if item.closed else iso_clock(item.closes),
        }
        for item in source.opening_exceptions.all()
    ]
    if specifications:
        data["openingHoursSpecification"] = specifications
    if source.language_codes():
        data["knowsLanguage"] = source.language_codes()
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


def member_groups(source, request, locale_id):
    """The working groups of an organisation, titled and linked in the visitor's language (one query).

    Like Wagtail's ``Page.localized``: the live translation in ``locale_id``, else the page itself.
    """
    pages = [membership.page for membership in source.memberships.all()]
    if not pages:
        return []
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            locale_id=locale_id, translation_key__in=[page.translation_key for page in pages if page.locale_id != locale_id]
        )
    }
    groups = []
    for page in pages:
        page = translations.get(page.translation_key, page)
        if page.live:
            groups.append({"title": page.title, "url": page.get_url(request)})
    return groups


def category_name(source, locale):
    """The entry's category in the visitor's language, from the directory's (cached) filter choices."""
    from .directory import filter_options

    if source.category is None:
        return ""
    return filter_options(locale)["categories"].get(source.category.slug) or source.category.localized.name


def organisation_context(entry_or_organisation, request, directory):
    """Template context for an organisation's detail (also used by the admin preview)."""
    from .directory import Entry

    entry = entry_or_organisation
    if not isinstance(entry, Entry):
        entry = Entry(shown=entry, source=entry)
    source = entry.source
    locale = directory.locale if directory else Locale.get_active()
    now = opening_hours.now_local()
    status = source.opening_status(now)
    url = request.build_absolute_uri(directory.organisation_url(source.key)) if directory and request else None
    return {
        "entry": entry,
        "organisation": entry.shown,
        "facts": source,
        "status": status,
        "status_text": status_text(status, now),
        "status_changes_at": status_changes_at(status, now),
        "weekly": weekly_table(source) if source.opening_intervals.all() else [],
        "exceptions": upcoming_exceptions(source, now.date()),
        "address": address_line(source),
        "map": map_links(source),
        "tel": dialable(source.phone) if source.phone else "",
        "advice_languages": languages(source),
        "json_ld": json_ld(entry, url),
        "groups": member_groups(source, request, locale.pk),
        "category_name": category_name(source, locale),
        "checked_text": checked_text(source),
        "vcard_url": directory.url + directory.reverse_subpage("vcard", args=[source.key])
        if directory and has_contact_data(source)
        else "",
    }
