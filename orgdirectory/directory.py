"""Finding organisations: the filters of the public directory and of the API, in one place.

Every filter runs on the German (source) entries, whose address, hours,
languages and memberships are the ones every translation is synchronised from.
Only the text search also looks at the visitor's language. The entries found are
then shown in the visitor's language where a translation exists.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from . import opening_hours
from .caching import cached
from .languages import advice_language_codes, native_name
from .models import Category, Membership, OpeningException, OpeningInterval, Organisation, OrganisationLanguage, Region

PARAMETERS = ("q", "kategorie", "arbeitskreis", "ort", "kreis", "sprache", "jetzt_offen")
TRUE_VALUES = {"1", "ja", "on", "true"}
MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class DirectoryQuery:
    """What a visitor asked for; unknown values are dropped and reported in ``problems``."""

    text: str = ""
    category: str = ""
    group: str = ""
    town: str = ""
    county: str = ""
    language: str = ""
    open_now: bool = False
    problems: list = field(default_factory=list)

    @property
    def is_filtered(self):
        return any([self.text, self.category, self.group, self.town, self.county, self.language, self.open_now])

    def as_params(self):
        values = {
            "q": self.text,
            "kategorie": self.category,
            "arbeitskreis": self.group,
            "ort": self.town,
            "kreis": self.county,
            "sprache": self.language,
            "jetzt_offen": "1" if self.open_now else "",
        }
        return {name: value for name, value in values.items() if value}


def source_locale_id():
    return cached("source-locale-id", [], lambda: Locale.objects.get(language_code=settings.LANGUAGE_CODE).pk)


def source_entries():
    """The published German entries: one per organisation."""
    return Organisation.objects.filter(locale__language_code=settings.LANGUAGE_CODE, live=True)


def group_pages():
    """German pages that organisations are members of (the working groups), in tree order."""
    used = Membership.objects.filter(organisation__in=source_entries()).values("page_id")
    return Page.objects.filter(pk__in=used).order_by("path")


def _single(params, name):
    """One parameter's text without control characters: PostgreSQL refuses a NUL byte in any comparison,
    and no category, group, region, town or search term contains one."""
    value = params.get(name, "")
    if not isinstance(value, str):
        return ""
    return CONTROL_CHARACTERS.sub("", value).strip()[:MAX_QUERY_LENGTH]


def parse_query(params):
    """Read the GET parameters; a value that names nothing known is ignored and reported, never an error."""
    query = DirectoryQuery(text=_single(params, "q"))
    category = _single(params, "kategorie")
    if category:
        if Category.objects.filter(slug=category).exists():
            query.category = category
        else:
            query.problems.append(_("Die Kategorie „%(value)s“ gibt es nicht. Dieser Filter wurde weggelassen.") % {"value": category})
    group = _single(params, "arbeitskreis")
    if group:
        if group_pages().filter(slug=group).exists():
            query.group = group
        else:
            query.problems.append(_("Den Arbeitskreis „%(value)s“ gibt es nicht. Dieser Filter wurde weggelassen.") % {"value": group})
    query.town = _single(params, "ort")
    county = _single(params, "kreis")
    if county:
        if Region.objects.filter(slug=county).exists():
            query.county = county
        else:
            query.problems.append(_("Die Region „%(value)s“ gibt es nicht. Dieser Filter wurde weggelassen.") % {"value": county})
    language = _single(params, "sprache")
    if language:
        if language in advice_language_codes():
            query.language = language
        else:
            query.problems.append(_("Die Sprache „%(value)s“ gibt es nicht. Dieser Filter wurde weggelassen.") % {"value": language})
    query.open_now = _single(params, "jetzt_offen").lower() in TRUE_VALUES
    return query


def matching_source_ids(text, locale):
    """The German entries whose text, German or in the visitor's language, matches ``text``.

    Kept between requests where the site allows it: the search backend builds an entry object
    for every match, which for a common word costs more than the rest of the page.
    """
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]

    def search():
        keys = matching_translation_keys(text, locale)
        return list(source_entries().filter(translation_key__in=keys).values_list("pk", flat=True))

    return cached("directory-search", [locale.pk, digest], search)


def matching_translation_keys(text, locale):
    locale_ids = {source_locale_id(), locale.pk}
    candidates = Organisation.objects.filter(live=True, locale__in=locale_ids).only("pk", "translation_key")
    # Results are ordered by name; without relevance ranking the search is one indexed query
    # instead of a score per row (10,000 entries: 1 s instead of 14 s on SQLite).
    results = get_search_backend().search(text, candidates, operator="and", order_by_relevance=False)
    return {result.translation_key for result in results}


def open_entry_ids(entries, moment):
    """Ids of the entries open at ``moment``, decided in Python by ``opening_hours`` (the reference).

    Reads only the hours of yesterday and today, in two queries.
    """
    today = moment.astimezone(opening_hours.time_zone()).date()
    days = [today - timedelta(days=1), today]
    weekly, dated = {}, {}
    for row in OpeningInterval.objects.filter(organisation__in=entries, weekday__in=[d.weekday() for d in days]).values(
        "organisation_id", "weekday", "opens", "closes", "closes_next_day"
    ):
        weekly.setdefault(row.pop("organisation_id"), []).append(opening_hours.WeeklyHours(**row))
    for row in OpeningException.objects.filter(organisation__in=entries, day__in=days).values(
        "organisation_id", "day", "closed", "opens", "closes"
    ):
        dated.setdefault(row.pop("organisation_id"), []).append(opening_hours.DatedHours(**row))
    return [
        pk
        for pk in set(weekly) | set(dated)
        if opening_hours.is_open_at(moment, weekly.get(pk, []), dated.get(pk, []))
    ]


def is_clock_change_near(day):
    """True if the UTC offset changes between the start of yesterday and the end of tomorrow."""
    offsets = {
        datetime.combine(day + timedelta(days=offset), time(0), tzinfo=opening_hours.time_zone()).utcoffset()
        for offset in (-1, 0, 1, 2)
    }
    return len(offsets) > 1


def open_now_filter(entries, moment):
    """Restrict ``entries`` to those open at ``moment``.

    On ordinary days the weekly hours are compared in SQL by wall-clock time, which
    is exact when the clocks do not change; entries with a dated exception on
    yesterday or today, and every entry on the days around a clock change, are
    decided in Python by ``open_entry_ids``. So 10,000 entries need no list of ids.
    """
    local = moment.astimezone(opening_hours.time_zone())
    today, now = local.date(), local.time().replace(tzinfo=None)
    if is_clock_change_near(today):
        return entries.filter(pk__in=open_entry_ids(entries, moment))
    yesterday = today - timedelta(days=1)
    with_exception = OpeningException.objects.filter(organisation=OuterRef("pk"), day__in=[yesterday, today])
    open_today = OpeningInterval.objects.filter(
        Q(closes__gt=now) | Q(closes_next_day=True),
        organisation=OuterRef("pk"), weekday=today.weekday(), opens__lte=now,
    )
    open_since_yesterday = OpeningInterval.objects.filter(
        organisation=OuterRef("pk"), weekday=yesterday.weekday(), closes_next_day=True, closes__gt=now
    )
    regular = entries.filter(~Exists(with_exception)).filter(Exists(open_today) | Exists(open_since_yesterday))
    exceptional = entries.filter(Exists(with_exception))
    return entries.filter(Q(pk__in=regular.values("pk")) | Q(pk__in=open_entry_ids(exceptional, moment)))


def find_entries(query, locale, moment=None):
    """German entries matching ``query``, ordered by name, as an ``EntryList``."""
    entries = source_entries()
    if query.category:
        entries = entries.filter(category__slug=query.category)
    if query.group:
        keys = group_pages().filter(slug=query.group).values("translation_key")
        entries = entries.filter(
            Exists(Membership.objects.filter(organisation=OuterRef("pk"), page__translation_key__in=keys))
        )
    if query.town:
        entries = entries.filter(town__iexact=query.town)
    if query.county:
        entries = entries.filter(county__slug=query.county)
    if query.language:
        entries = entries.filter(
            Exists(OrganisationLanguage.objects.filter(organisation=OuterRef("pk"), code=query.language))
        )
    if query.open_now:
        entries = open_now_filter(entries, moment or opening_hours.now_local())
    entries = entries.order_by("name", "pk")
    return EntryList(entries, set(matching_source_ids(query.text, locale)) if query.text else None)


class EntryList:
    """Matching entries in name order, with their details, read one page at a time (for ``Paginator``).

    A text search can match most of the directory. Filtering the database by a list of a
    thousand ids costs more than the whole page, so the search narrows the ordered ids in
    Python and only the entries of the page asked for are read.
    """

    def __init__(self, entries, matched_ids=None):
        self.entries = entries
        self.matched_ids = matched_ids
        self._ids = None

    def _ordered_ids(self):
        if self._ids is None:
            self._ids = [pk for pk in self.entries.values_list("pk", flat=True) if pk in self.matched_ids]
        return self._ids

    def count(self):
        return self.entries.count() if self.matched_ids is None else len(self._ordered_ids())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("EntryList supports slices only")
        if self.matched_ids is None:
            return list(with_details(self.entries)[index])
        page_ids = self._ordered_ids()[index]
        found = with_details(Organisation.objects.filter(pk__in=page_ids)).in_bulk()
        return [found[pk] for pk in page_ids]




def with_details(entries):
    """Everything a result or detail shows, fetched in a fixed number of queries."""
    return entries.select_related("category", "county", "locale").prefetch_related(
        "opening_intervals",
        "opening_exceptions",
        "advice_languages",
        Prefetch("memberships", queryset=Membership.objects.select_related("page")),
    )


def find_entry(key, locale):
    """The organisation ``key`` in ``locale``, else the German entry; ``None`` if there is none."""
    versions = {
        item.locale_id: item
        for item in with_details(
            Organisation.objects.filter(
                key=key, live=True, locale__language_code__in={settings.LANGUAGE_CODE, locale.language_code}
            )
        )
    }
    source = next((item for item in versions.values() if item.locale.language_code == settings.LANGUAGE_CODE), None)
    if source is None:
        return None
    shown = versions.get(locale.pk)
    if shown is None:
        return Entry(shown=source, source=source, lang=settings.LANGUAGE_CODE if locale.pk != source.locale_id else "")
    return Entry(shown=shown, source=source)


@dataclass
class Entry:
    """One organisation as a visitor sees it: the text in their language (or German), the facts from German."""

    shown: Organisation
    source: Organisation
    lang: str = ""  # "de" when the visitor's language has no translation yet


def localized_entries(sources, locale):
    """Pair each German entry with its published translation in ``locale`` (one query)."""
    sources = list(sources)
    if locale.language_code == settings.LANGUAGE_CODE:
        return [Entry(shown=source, source=source) for source in sources]
    translations = {
        item.translation_key: item
        for item in Organisation.objects.filter(
            locale=locale, live=True, translation_key__in=[source.translation_key for source in sources]
        )
    }
    return [
        Entry(shown=translations[source.translation_key], source=source)
        if source.translation_key in translations
        else Entry(shown=source, source=source, lang=settings.LANGUAGE_CODE)
        for source in sources
    ]


def localized_categories(locale):
    """``slug → name`` in the visitor's language (German where not translated), in display order."""
    names = {}
    for category in Category.objects.filter(locale__language_code__in={settings.LANGUAGE_CODE, locale.language_code}):
        if category.slug not in names or category.locale_id == locale.pk:
            names[category.slug] = (category.sort_order, category.name)
    return dict((slug, name) for slug, (_order, name) in sorted(names.items(), key=lambda item: item[1]))


def localized_regions(locale, regions=None):
    """``slug → name`` of ``regions`` (default: all) in the visitor's language (German where not translated),
    in display order; one query."""
    names = {}
    regions = Region.objects.all() if regions is None else regions
    for region in regions.filter(locale__language_code__in={settings.LANGUAGE_CODE, locale.language_code}):
        if region.slug not in names or region.locale_id == locale.pk:
            names[region.slug] = (region.sort_order, region.name)
    return dict((slug, name) for slug, (_order, name) in sorted(names.items(), key=lambda item: item[1]))


def localized_group_titles(locale):
    """``slug → title`` of the working groups, in the visitor's language where translated."""
    pages = list(group_pages().only("id", "slug", "title", "translation_key"))
    translated = {
        page.translation_key: page.title
        for page in Page.objects.filter(
            locale=locale, translation_key__in=[page.translation_key for page in pages], alias_of__isnull=True
        ).only("title", "translation_key")
    }
    return {page.slug: translated.get(page.translation_key, page.title) for page in pages}


def filter_options(locale):
    """The choices of the filter form; only values that at least one entry has."""
    return cached("directory-filter-options", [locale.pk], lambda: _load_filter_options(locale))


def _load_filter_options(locale):
    entries = source_entries()
    used_codes = set(OrganisationLanguage.objects.filter(organisation__in=entries).values_list("code", flat=True))
    used_regions = Region.objects.filter(slug__in=entries.exclude(county=None).values("county__slug"))
    return {
        "categories": localized_categories(locale),
        "groups": localized_group_titles(locale),
        "towns": sorted(set(entries.exclude(town="").values_list("town", flat=True))),
        "counties": localized_regions(locale, used_regions),
        "languages": {code: native_name(code) for code in advice_language_codes() if code in used_codes},
    }
