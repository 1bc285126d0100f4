"""Read-only JSON of event occurrences in a date range, with the calendar's filters.

``GET /api/events/occurrences/?start=2026-12-01&end=2026-12-31&locale=de&arbeitskreis=...``
Dates are calendar days in the site's time zone (``settings.TIME_ZONE``), ``end`` inclusive; at most 366 days at once.
``locale`` is the language of the answer, named as in the directory's API and Wagtail's pages API
(``lang``, its old name, still works). Invalid values get a 400 with ``{"error": ...}`` in the
requested language (the browser's, if the language itself is the invalid value). Any origin may
read the answer (``Access-Control-Allow-Origin: *``): it is public and read-only.
"""

from datetime import date, timedelta

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .feeds import event_uid, location_text, request_uid_domain
from .filters import FilterOptions, read_filters
from .ics_views import EVENT_FILENAME
from .selection import filtered_occurrences, with_whole_events
from .timezone import local_now, start_of_day

DEFAULT_SPAN = timedelta(days=30)
MAX_SPAN = timedelta(days=366)


LANGUAGE_PARAM = "locale"
LANGUAGE_ALIASES = ("lang",)


def public(response):
    """Readable by web apps on any origin (the data is public, nothing depends on cookies)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message):
    return public(JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False}))


def requested_language(params):
    for name in (LANGUAGE_PARAM, *LANGUAGE_ALIASES):
        if params.get(name):
            return params[name]
    return settings.LANGUAGE_CODE


def _date(value):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def occurrence_json(occurrence, request, domain):
    event = occurrence.event
    group = event.working_group_page
    return {
        "uid": event_uid(event, domain),
        "title": event.title,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "all_day": event.all_day,
        "cancelled": occurrence.cancelled,
        "date_cancelled": occurrence.date_cancelled,
        "moved": occurrence.moved,
        "note": occurrence.note,
        "url": event.get_full_url(request),
        "ics_url": event.get_full_url(request) + EVENT_FILENAME,
        "category": {"slug": event.category.slug, "name": event.category.name} if event.category else None,
        "working_group": {"slug": group.slug, "title": group.title} if group else None,
        "town": event.town,
        "location": location_text(event),
        "online_url": event.online_url,
        "languages": event.languages or [],
        "sequence": event.sequence,
    }


@require_GET
def occurrences_view(request):
    codes = [code for code, _name in settings.LANGUAGES]
    language = requested_language(request.GET)
    if language not in codes:
        return _error(_("Unbekannte Sprache. Erlaubt sind: %(codes)s") % {"codes": ", ".join(codes)})
    with translation.override(language):
        today = local_now().date()
        first = _date(request.GET.get("start")) if request.GET.get("start") else today
        last = _date(request.GET.get("end")) if request.GET.get("end") else (first and first + DEFAULT_SPAN)
        if first is None or last is None:
            return _error(_("Bitte geben Sie Daten im Format JJJJ-MM-TT an, z. B. 2026-12-01."))
        if last < first:
            return _error(_("Das Ende liegt vor dem Anfang."))
        if last - first > MAX_SPAN:
            return _error(_("Bitte fragen Sie höchstens 366 Tage auf einmal ab."))
        locale = Locale.objects.get(language_code=language)
        options = FilterOptions.for_locale(locale)
        filters = read_filters(request.GET, options)
        window_start, window_end = start_of_day(first), start_of_day(last + timedelta(days=1))
        domain = request_uid_domain(request)
        found = with_whole_events(filtered_occurrences(locale, filters, options, window_start, window_end))
        return public(JsonResponse(
            {
                "language": language,
                "locale": language,
                "start": first.isoformat(),
                "end": last.isoformat(),
                "filters": dict(filters.query_items()),
                "notices": filters.notices,
                "count": len(found),
                "occurrences": [occurrence_json(item, request, domain) for item in found],
            },
            json_dumps_params={"ensure_ascii": False},
        ))
