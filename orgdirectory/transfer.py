"""Bulk editing for staff: the German directory as CSV (export and import) and as JSON (export).

The import is all or nothing: every row is parsed and validated first; if one
row fails, nothing is written and each failing row is reported with its line
number. Rows are matched by their ``schluessel`` (the organisation's stable key);
a row that equals what is stored is skipped, so importing the same file twice
creates no revision and changes nothing. Organisations missing from the file are
left alone (the import never deletes).
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .cell_safety import neutralise_row, restore_row, sanitise_rich_text
from .languages import advice_language_codes
from .models import (
    RICH_TEXT_FEATURES,
    Category,
    Membership,
    OpeningException,
    OpeningInterval,
    Organisation,
    OrganisationLanguage,
    Region,
)

WEEKDAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
YES, NO = "ja", "nein"

# CSV column → model field, for the plain fields, in column order.
TEXT_COLUMNS = {
    "schluessel": "key",
    "name": "name",
    "kurzname": "short_name",
    "beschreibung": "description",
    "angebote": "services",
    "zielgruppen": "target_groups",
    "strasse": "street",
    "plz": "postcode",
    "ort": "town",
    "telefon": "phone",
    "email": "email",
    "internetseite": "website",
    "hinweis_oeffnungszeiten": "opening_note",
    "rollstuhlgerecht": "wheelchair_access",
}
# ``landkreis`` holds the German name of a region (``Region``), as editors see it in the admin.
COLUMNS = [
    *list(TEXT_COLUMNS)[:9],
    "landkreis",
    *list(TEXT_COLUMNS)[9:],
    "kategorie",
    "breitengrad",
    "laengengrad",
    "nur_mit_termin",
    "oeffnungszeiten",
    "abweichungen",
    "sprachen",
    "arbeitskreise",
]
INTERVAL = re.compile(r"^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})(\+1)?$")
EXCEPTION = re.compile(r"^(\d{4}-\d{2}-\d{2}) (geschlossen|\d{1,2}:\d{2}-\d{1,2}:\d{2})(?: \((.*)\))?$")


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    keys: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # e.g. "read as Windows-1252" (``office.import_file``)


# -- reading stored organisations -------------------------------------------------------------------


def source_organisations():
    return (
        Organisation.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("category", "county")
        .prefetch_related(
            "opening_intervals", "opening_exceptions", "advice_languages",
            Prefetch("memberships", Membership.objects.select_related("page").order_by("sort_order", "pk")),
        )
        .order_by("key")
    )


def clock(value):
    return value.strftime("%H:%M")


def decimal_text(value):
    return "" if value is None else format(value.normalize(), "f")


def row_of(organisation):
    """The CSV row of an organisation; also the canonical form imports are compared with."""
    row = {column: getattr(organisation, name) for column, name in TEXT_COLUMNS.items()}
    row["landkreis"] = organisation.county.name if organisation.county_id else ""
    row["kategorie"] = organisation.category.slug if organisation.category_id else ""
    row["breitengrad"] = decimal_text(organisation.latitude)
    row["laengengrad"] = decimal_text(organisation.longitude)
    row["nur_mit_termin"] = YES if organisation.by_appointment_only else NO
    days = {}
    for item in sorted(organisation.opening_intervals.all(), key=lambda item: (item.weekday, item.opens)):
        days.setdefault(item.weekday, []).append(
            f"{clock(item.opens)}-{clock(item.closes)}{'+1' if item.closes_next_day else ''}"
        )
    row["oeffnungszeiten"] = "; ".join(f"{WEEKDAYS[day]} {', '.join(times)}" for day, times in sorted(days.items()))
    exceptions = []
    for item in sorted(organisation.opening_exceptions.all(), key=lambda item: (item.day, item.opens or time(0))):
        text = f"{item.day.isoformat()} {'geschlossen' if item.closed else f'{clock(item.opens)}-{clock(item.closes)}'}"
        exceptions.append(f"{text} ({item.note})" if item.note else text)
    row["abweichungen"] = "; ".join(exceptions)
    row["sprachen"] = " ".join(item.code for item in organisation.advice_languages.all())
    row["arbeitskreise"] = " ".join(
        f"{item.page.slug}:{item.position}" for item in organisation.memberships.all()
    )
    return {column: "" if row[column] is None else str(row[column]) for column in COLUMNS}


def export_csv_text():
    """CSV with CRLF line ends, as RFC 4180 and Excel expect (the BOM is added by ``office.export_csv_bytes``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for organisation in source_organisations():
        writer.writerow(neutralise_row(row_of(organisation)))
    return buffer.getvalue()


def record_of(organisation):
    """The JSON form: the same data as the CSV, with lists and numbers instead of text."""
    row = row_of(organisation)
    return {
        **{name: row[column] for column, name in TEXT_COLUMNS.items()},
        "county": row["landkreis"],
        "category": row["kategorie"] or None,
        "latitude": float(organisation.latitude) if organisation.latitude is not None else None,
        "longitude": float(organisation.longitude) if organisation.longitude is not None else None,
        "by_appointment_only": organisation.by_appointment_only,
        "opening_hours": [
            {"weekday": item.weekday, "opens": clock(item.opens), "closes": clock(item.closes),
             "closes_next_day": item.closes_next_day}
            for item in organisation.opening_intervals.all()
        ],
        "opening_exceptions": [
            {"date": item.day.isoformat(), "closed": item.closed,
             "opens": clock(item.opens) if item.opens else None,
             "closes": clock(item.closes) if item.closes else None, "note": item.note}
            for item in organisation.opening_exceptions.all()
        ],
        "languages": organisation.language_codes(),
        "working_groups": [{"slug": item.page.slug, "position": item.position} for item in organisation.memberships.all()],
        "live": organisation.live,
    }


def export_json_text():
    return json.dumps([record_of(item) for item in source_organisations()], ensure_ascii=False, indent=2)


# -- parsing and validating rows ----------------------------------------------------------------------


def parse_clock(text):
    """``08:30`` as a time; anything else a German ValueError (never Python's "hour must be in 0..23")."""
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(_("„%(value)s“ ist keine Uhrzeit. Beispiel: „08:30“.") % {"value": text}) from None


def parse_day(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("„%(value)s“ ist kein Datum. Beispiel: „2026-12-24“.") % {"value": text}) from None


def parse_weekly(text):
    intervals = []
    for part in filter(None, (part.strip() for part in text.split(";"))):
        day, _space, times = part.partition(" ")
        if day not in WEEKDAYS or not times.strip():
            raise ValueError(_("Öffnungszeiten: „%(part)s“ verstehe ich nicht. Beispiel: „Mo 08:00-12:00, 14:00-16:00; Di 08:00-12:00“.") % {"part": part})
        for interval in (item.strip() for item in times.split(",")):
            match = INTERVAL.match(interval)
            if not match:
                raise ValueError(_("Öffnungszeiten: „%(part)s“ ist keine Zeitspanne wie „08:00-12:00“.") % {"part": interval})
            intervals.append((WEEKDAYS.index(day), parse_clock(match[1]), parse_clock(match[2]), bool(match[3])))
    return intervals


def parse_exceptions(text):
    exceptions = []
    for part in filter(None, (part.strip() for part in text.split(";"))):
        match = EXCEPTION.match(part)
        if not match:
            raise ValueError(_("Abweichungen: „%(part)s“ verstehe ich nicht. Beispiel: „2026-12-24 geschlossen (Heiligabend)“.") % {"part": part})
        day = parse_day(match[1])
        if match[2] == "geschlossen":
            exceptions.append((day, True, None, None, match[3] or ""))
        else:
            opens, closes = match[2].split("-")
            exceptions.append((day, False, parse_clock(opens), parse_clock(closes), match[3] or ""))
    return exceptions


def parse_decimal(text, label):
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("%(label)s: „%(value)s“ ist keine Zahl.") % {"label": label, "value": text}) from None


def group_pages_by_slug():
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    pages = Page.objects.filter(locale=source)
    models = getattr(settings, "ORGDIRECTORY_GROUP_PAGE_MODELS", None)
    if models:
        pages = pages.type(*[apps.get_model(label) for label in models])
    found = {}
    for page in pages.order_by("path"):
        found.setdefault(page.slug, page)
    return found


@dataclass
class ParsedRow:
    line: int
    row: dict
    organisation: Organisation
    intervals: list
    exceptions: list
    languages: list
    groups: list  # (page, position)
    existing: bool


def message_of(error):
    if hasattr(error, "message_dict"):
        parts = []
        for name, messages in error.message_dict.items():
            label = Organisation._meta.get_field(name).verbose_name if name in {f.name for f in Organisation._meta.fields} else ""
            parts.extend(f"{label}: {message}" if label else message for message in messages)
        return "; ".join(parts)
    return "; ".join(error.messages)


def parse_row(line, row, context):
    """Build the (unsaved) organisation of one row; raises ValueError with a German reason."""
    missing = [column for column in COLUMNS if column not in row]
    if missing:
        raise ValueError(_("Es fehlen Spalten: %(columns)s.") % {"columns": ", ".join(missing)})
    row = {column: (row[column] or "").strip() for column in COLUMNS}
    key = row["schluessel"]
    if not key:
        raise ValueError(_("Der Schlüssel fehlt."))
    organisation = context["existing"].get(key) or Organisation(locale=context["locale"], live=True)
    for column, name in TEXT_COLUMNS.items():
        setattr(organisation, name, row[column])
    stored = context["stored_rows"].get(key)
    if not stored or stored["beschreibung"] != row["beschreibung"]:  # what is stored passed the editor already
        organisation.description = sanitise_rich_text(row["beschreibung"], RICH_TEXT_FEATURES)
    category = row["kategorie"]
    if category and category not in context["categories"]:
        raise ValueError(_("Die Kategorie „%(value)s“ gibt es nicht.") % {"value": category})
    organisation.category = context["categories"].get(category)
    region = row["landkreis"]
    if region and region.casefold() not in context["regions"]:
        raise ValueError(_("Die Region „%(value)s“ gibt es nicht.") % {"value": region})
    organisation.county = context["regions"].get(region.casefold())
    organisation.latitude = parse_decimal(row["breitengrad"], _("Breitengrad"))
    organisation.longitude = parse_decimal(row["laengengrad"], _("Längengrad"))
    if row["nur_mit_termin"].lower() not in {YES, NO, ""}:
        raise ValueError(_("Nur mit Termin: bitte „ja“ oder „nein“."))
    organisation.by_appointment_only = row["nur_mit_termin"].lower() == YES
    intervals = parse_weekly(row["oeffnungszeiten"])
    exceptions = parse_exceptions(row["abweichungen"])
    languages = row["sprachen"].split()
    unknown = [code for code in languages if code not in advice_language_codes()]
    if unknown:
        raise ValueError(_("Unbekannte Sprache: %(codes)s.") % {"codes": ", ".join(unknown)})
    groups = []
    for item in row["arbeitskreise"].split():
        slug, _colon, position = item.partition(":")
        page = context["groups"].get(slug)
        if page is None:
            raise ValueError(_("Den Arbeitskreis „%(value)s“ gibt es nicht.") % {"value": slug})
        if position and not position.isdigit():
            raise ValueError(_("Arbeitskreise: „%(value)s“ – nach dem Doppelpunkt muss eine Zahl stehen.") % {"value": item})
        groups.append((page, int(position or 0)))

    errors = []
    try:
        organisation.full_clean(exclude=["translation_key", "latest_revision", "live_revision", "locked_by"])
    except ValidationError as error:
        errors.append(message_of(error))
    for values in intervals:
        try:
            OpeningInterval(weekday=values[0], opens=values[1], closes=values[2], closes_next_day=values[3]).clean()
        except ValidationError as error:
            errors.append(_("Öffnungszeiten: %(message)s") % {"message": message_of(error)})
    for values in exceptions:
        try:
            OpeningException(day=values[0], closed=values[1], opens=values[2], closes=values[3], note=values[4]).clean()
        except ValidationError as error:
            errors.append(_("Abweichungen: %(message)s") % {"message": message_of(error)})
    if errors:
        raise ValueError(" ".join(errors))
    return ParsedRow(line, row, organisation, intervals, exceptions, languages, groups, organisation.pk is not None)


def canonical(parsed):
    """The parsed row in the same canonical text form as ``row_of``, to tell whether anything changes."""
    organisation = parsed.organisation
    row = {column: str(getattr(organisation, name) or "") for column, name in TEXT_COLUMNS.items()}
    row["landkreis"] = organisation.county.name if organisation.county else ""
    row["kategorie"] = parsed.row["kategorie"]
    row["breitengrad"] = decimal_text(organisation.latitude)
    row["laengengrad"] = decimal_text(organisation.longitude)
    row["nur_mit_termin"] = YES if organisation.by_appointment_only else NO
    days = {}
    for weekday, opens, closes, next_day in sorted(parsed.intervals, key=lambda item: (item[0], item[1])):
        days.setdefault(weekday, []).append(f"{clock(opens)}-{clock(closes)}{'+1' if next_day else ''}")
    row["oeffnungszeiten"] = "; ".join(f"{WEEKDAYS[day]} {', '.join(times)}" for day, times in sorted(days.items()))
    exceptions = []
    for day, closed, opens, closes, note in sorted(parsed.exceptions, key=lambda item: (item[0], item[2] or time(0))):
        text = f"{day.isoformat()} {'geschlossen' if closed else f'{clock(opens)}-{clock(closes)}'}"
        exceptions.append(f"{text} ({note})" if note else text)
    row["abweichungen"] = "; ".join(exceptions)
    row["sprachen"] = " ".join(parsed.languages)
    row["arbeitskreise"] = " ".join(f"{page.slug}:{position}" for page, position in parsed.groups)
    return row


def read_rows(text):
    reader = csv.DictReader(io.StringIO(text))
    start = 2
    for row in reader:
        yield start, restore_row(row)
        start = reader.line_num + 1


def validate(text):
    """Parse every row; returns the parsed rows or raises ImportFailed with every failing row."""
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    existing = {item.key: item for item in source_organisations()}
    context = {
        "locale": source,
        "existing": existing,
        "stored_rows": {key: row_of(item) for key, item in existing.items()},
        "categories": {item.slug: item for item in Category.objects.filter(locale=source)},
        # By German name, case-insensitive; the slug is accepted too (files exported before regions were data).
        "regions": {
            key: item
            for item in Region.objects.filter(locale=source)
            for key in (item.slug.casefold(), item.name.casefold())
        },
        "groups": group_pages_by_slug(),
    }
    parsed, errors, seen = [], [], {}
    try:
        rows = list(read_rows(text))
    except csv.Error:
        raise ImportFailed([
            _("Die Datei ist keine gültige CSV-Datei (zum Beispiel ein Anführungszeichen ohne Gegenstück). "
              "Bitte speichern Sie sie erneut als CSV.")
        ]) from None
    if not rows:
        raise ImportFailed([_("Die Datei enthält keine Zeilen.")])
    for line, row in rows:
        key = (row.get("schluessel") or "").strip()
        if key and key in seen:
            errors.append(_("Zeile %(line)s: Der Schlüssel „%(key)s“ steht schon in Zeile %(first)s.") % {"line": line, "key": key, "first": seen[key]})
            continue
        seen[key] = line
        try:
            parsed.append(parse_row(line, row, context))
        except ValueError as error:
            errors.append(_("Zeile %(line)s: %(reason)s") % {"line": line, "reason": error})
    if errors:
        raise ImportFailed(errors)
    return parsed, context


def replace_children(organisation, parsed):
    organisation.opening_intervals = [
        OpeningInterval(weekday=w, opens=o, closes=c, closes_next_day=n) for w, o, c, n in parsed.intervals
    ]
    organisation.opening_exceptions = [
        OpeningException(day=d, closed=cl, opens=o, closes=c, note=note) for d, cl, o, c, note in parsed.exceptions
    ]
    organisation.advice_languages = [OrganisationLanguage(code=code) for code in parsed.languages]
    organisation.memberships = [Membership(page=page, position=position) for page, position in parsed.groups]


@transaction.atomic
def import_csv_text(text, user=None):
    """Validate all rows, then write the changed ones (each as a published revision)."""
    parsed_rows, context = validate(text)
    result = ImportResult()
    for parsed in parsed_rows:
        organisation = parsed.organisation
        if parsed.existing:
            if context["stored_rows"][organisation.key] == canonical(parsed):
                result.unchanged += 1
                continue
        replace_children(organisation, parsed)
        organisation.save()
        organisation.save_revision(user=user, log_action=True).publish(user=user)
        if parsed.existing:
            result.updated += 1
        else:
            result.created += 1
        result.keys.append(organisation.key)
    return result
