"""What the calendar pages, event pages and feeds show; the page models route here.

Every view works from ``events.occurrences`` so the list, month view, feeds and
API agree on the dates.
"""

import calendar as stdlib_calendar
import gzip
import hashlib
import re
from dataclasses import replace
from datetime import date, timedelta
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .caching import cached
from .feeds import build_calendar
from .filters import FilterOptions, read_filters
from .languages import current_babel_locale, language_name
from .listing import OccurrenceList
from .occurrences import candidate_events, expand, occurrences, schedules, window_for_month
from .timezone import berlin_now, start_of_day

LIST_HORIZON = timedelta(days=365)
ARCHIVE_SPAN = timedelta(days=730)
FEED_PAST = timedelta(days=180)
PER_PAGE = 20
MONTH_PARAM = "monat"
VIEW_PARAM = "ansicht"
MONTH_VIEW = "monat"
PAGE_PARAM = "seite"


def filtered_events(locale, filters, options, window_start, window_end, *, schedule_only=False):
    """Candidate events for the filters, each told its working group (no extra queries).

    ``schedule_only``: ``Schedule`` objects instead of pages, for lists of thousands of events
    of which a page shows twenty (``with_whole_events`` loads those).
    """
    events = candidate_events(
        locale,
        window_start,
        window_end,
        within=filters.group,
        category=filters.category,
        town=filters.town,
    )
    if schedule_only:
        events = schedules(events)
    kept = []
    for event in events:
        if filters.language and filters.language not in (event.languages or []):
            continue
        event.working_group_page = options.group_for(event)
        kept.append(event)
    return kept


def listed_occurrences(locale, filters, options, window_start, window_end, **kwargs):
    """The filtered occurrences in the window as an ``OccurrenceList``, for a paginated list."""
    events = candidate_events(
        locale, window_start, window_end, within=filters.group, category=filters.category, town=filters.town
    )
    def annotate(schedule):
        schedule.working_group_page = options.group_for(schedule)

    return OccurrenceList(events, window_start, window_end, language=filters.language, annotate=annotate, **kwargs)


def filtered_occurrences(locale, filters, options, window_start, window_end):
    """The occurrences in the window, in time order, with schedule-only events (see ``with_whole_events``)."""
    events = filtered_events(locale, filters, options, window_start, window_end, schedule_only=True)
    return occurrences(events, window_start, window_end)


def with_urls(found, request):
    """``found`` with a URL on each occurrence's ``Schedule``: its event index's URL and its slug,
    which is how Wagtail builds a page's URL; one query for the indexes, none per event."""
    parents = {item.event.path[: -Page.steplen] for item in found}
    urls = {index.path: index.get_url(request) for index in Page.objects.filter(path__in=parents).select_related("locale")}
    for item in found:
        item.event.url = f"{urls[item.event.path[: -Page.steplen]]}{item.event.slug}/"
    return found


def with_whole_events(found):
    """``found`` with each occurrence's whole event: one query for the occurrences about to be shown."""
    from .models import EventPage

    whole = EventPage.objects.select_related("category").in_bulk({item.event.pk for item in found})
    result = []
    for item in found:
        event = whole[item.event.pk]
        event.working_group_page = item.event.working_group_page
        result.append(replace(item, event=event))
    return result


def group_by_day(items):
    """[(day, [occurrence, ...]), ...] in the order given."""
    days = []
    for item in items:
        if days and days[-1][0] == item.day:
            days[-1][1].append(item)
        else:
            days.append((item.day, [item]))
    return days


FEED_FILENAME = "feed.ics"
EVENT_FILENAME = "termin.ics"


def subscribe_links(request, page, filters):
    path = page.url + FEED_FILENAME
    query = urlencode(filters.query_items())
    https_url = request.build_absolute_uri(path) + (f"?{query}" if query else "")
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {"feed_url": https_url, "webcal_url": webcal_url}


def _parse_month(value, today):
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month, None
    notice = None
    if value:
        notice = _("Der Monat wurde nicht erkannt. Es wird der aktuelle Monat gezeigt.")
    return today.year, today.month, notice


def _month_link(year, month, filters):
    return "?" + urlencode([(VIEW_PARAM, MONTH_VIEW), (MONTH_PARAM, f"{year:04d}-{month:02d}")] + filters.query_items())


def month_context(year, month, found, filters):
    """A grid of weeks; each day lists the occurrences that touch it."""
    from babel.dates import format_skeleton

    locale = current_babel_locale()
    by_day = {}
    for occurrence in found:
        day = occurrence.day
        while day <= occurrence.last_day:
            by_day.setdefault(day, []).append(occurrence)
            day += timedelta(days=1)
    first_weekday = locale.first_week_day
    weeks = [
        [{"date": day, "in_month": day.month == month, "occurrences": by_day.get(day, [])} for day in week]
        for week in stdlib_calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, month)
    ]
    weekday_names = [
        (locale.days["format"]["wide"][(first_weekday + offset) % 7], locale.days["stand-alone"]["abbreviated"][(first_weekday + offset) % 7])
        for offset in range(7)
    ]
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return {
        "month_title": format_skeleton("yMMMM", date(year, month, 1), locale=locale),
        "month_value": f"{year:04d}-{month:02d}",
        "weeks": weeks,
        "weekday_names": weekday_names,
        "previous_month_url": _month_link(*previous, filters),
        "next_month_url": _month_link(*following, filters),
        "month_has_events": bool(found),
    }


def calendar_view(page, request, *, archive):
    options = FilterOptions.for_locale(page.locale)
    filters = read_filters(request.GET, options)
    now = berlin_now()
    notices = list(filters.notices)
    month_view = request.GET.get(VIEW_PARAM) == MONTH_VIEW and not archive
    context = {
        "filters": filters,
        "options": options,
        "archive": archive,
        "month_view": month_view,
        "filter_query": urlencode(filters.query_items()),
        "list_url": page.url + ("?" + urlencode(filters.query_items()) if filters.active else ""),
        "archive_url": page.url + page.reverse_subpage("archive"),
        "calendar_url": page.url,
        **subscribe_links(request, page, filters),
    }
    if month_view:
        year, month, notice = _parse_month(request.GET.get(MONTH_PARAM), now.date())
        if notice:
            notices.append(notice)
        window_start, window_end = window_for_month(year, month)
        found = with_urls(filtered_occurrences(page.locale, filters, options, window_start, window_end), request)
        context.update(month_context(year, month, found, filters))
        template = "events/calendar_month.html"
    else:
        if archive:
            found = listed_occurrences(page.locale, filters, options, now - ARCHIVE_SPAN, now,
                                       newest_first=True, ended_by=now)
        else:
            found = listed_occurrences(page.locale, filters, options, now, now + LIST_HORIZON)
        page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
        page_obj.object_list = with_whole_events(page_obj.object_list)
        context.update({"page_obj": page_obj, "days": group_by_day(page_obj.object_list)})
        template = "events/calendar_page.html"
        today = now.date()
        context["month_url"] = _month_link(today.year, today.month, filters)
    context["notices"] = notices
    if month_view:
        context["reset_url"] = f"?{VIEW_PARAM}={MONTH_VIEW}&{MONTH_PARAM}={context['month_value']}"
    else:
        context["reset_url"] = context["archive_url"] if archive else page.url
    return page.render(request, context_overrides=context, template=template)


def index_context(index, request):
    """An event index shows the upcoming events of its working group, with the group's feed."""
    options = FilterOptions.for_locale(index.locale)
    filters = read_filters({}, options)
    group = index.get_parent()
    filters.group = options.groups.get(group.slug)
    now = berlin_now()
    found = OccurrenceList(
        candidate_events(index.locale, now, now + LIST_HORIZON, within=index), now, now + LIST_HORIZON,
        annotate=lambda schedule: setattr(schedule, "working_group_page", group),
    )
    page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
    page_obj.object_list = with_whole_events(page_obj.object_list)
    calendar_page = _calendar_page(index.locale)
    context = {
        "page_obj": page_obj,
        "days": group_by_day(page_obj.object_list),
        "calendar_page": calendar_page,
        **subscribe_links(request, index, read_filters({}, options)),
    }
    if calendar_page is not None and filters.group is not None:
        context["calendar_group_url"] = calendar_page.url + "?" + urlencode(filters.query_items())
    return context


def _calendar_page(locale):
    from .models import CalendarPage

    # One per language; ordering by pk, not path, keeps PostgreSQL from walking the page tree.
    return CalendarPage.objects.live().filter(locale=locale).order_by("pk").first()


def map_links(event):
    """A ``geo:`` link for phones and an OpenStreetMap link for everyone else."""
    if event.latitude is not None and event.longitude is not None:
        lat, lon = event.latitude, event.longitude
        return {
            "geo_url": f"geo:{lat},{lon}",
            "osm_url": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
        }
    address = ", ".join(part for part in [event.venue_address.replace("\n", ", "), event.town] if part)
    if not address or event.town.casefold() == "online":
        return {}
    return {
        "geo_url": f"geo:0,0?q={quote(address)}",
        "osm_url": f"https://www.openstreetmap.org/search?query={quote(address)}",
    }


def event_context(event, request):
    now = berlin_now()
    upcoming = expand(event, now, now + LIST_HORIZON)[:12]
    past = event.last_end is not None and event.last_end < now
    index = event.get_parent()
    group = index.get_parent() if index else None
    return {
        "upcoming": upcoming,
        "first_occurrence": expand(event, start_of_day(event.local_start.date()), now + LIST_HORIZON)[:1],
        "is_past": past,
        "working_group": group,
        "language_names": [language_name(code) for code in event.languages or []],
        "ics_url": event.url + EVENT_FILENAME,
        "calendar_page": _calendar_page(event.locale),
        **map_links(event),
    }


def _ics_response(request, body, filename, *, attachment, compressed=None):
    """The calendar file, with an ETag: a phone's calendar app asking again gets "304 Not Modified".

    ``compressed`` is the same file gzipped ahead of time (a full feed is megabytes: compressing
    it on every request would cost more than building the page); sent to clients that accept it.
    """
    etag = hashlib.sha256(body).hexdigest()[:32]
    if compressed is not None and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(compressed, content_type="text/calendar; charset=utf-8")
        response["Content-Encoding"] = "gzip"
        etag = f'W/"{etag}"'  # as GZipMiddleware marks a compressed representation
    else:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        etag = f'"{etag}"'
    patch_vary_headers(response, ["Accept-Encoding"])
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


def feed_response(request, page, *, within, title):
    """The iCalendar feed of ``page``'s language, limited to ``within`` and the GET filters.

    A feed lists every event, so it is built (and compressed) once per change of content
    (``caching.cached``) and shared by all subscribers with the same filters.
    """
    options = FilterOptions.for_locale(page.locale)
    filters = read_filters(request.GET, options)
    if within is not None:
        filters.group = within

    def build():
        now = berlin_now()
        events = filtered_events(page.locale, filters, options, now - FEED_PAST, None)
        body = build_calendar(events, request, title).to_ical()
        return body, gzip.compress(body, mtime=0)

    key = [request.scheme, request.get_host(), page.pk, urlencode(filters.query_items())]
    body, compressed = cached("feed", key, build)
    return _ics_response(request, body, f"{page.slug}.ics", attachment=False, compressed=compressed)


def event_ics_response(request, event):
    body = build_calendar([event], request, event.title).to_ical()
    return _ics_response(request, body, f"{event.slug}.ics", attachment=True)


def ics_view(request, page_path, filename):
    """``<page>/feed.ics`` and ``<event>/termin.ics``.

    Wagtail serves only paths that end in a slash, so these files get their own
    URL pattern; the page is found by Wagtail's own routing, in the URL's language.
    """
    from .models import CalendarPage, EventIndexPage, EventPage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in page_path.split("/") if component]
    page = site.root_page.localized.specific.route(request, components)[0].specific
    if page.get_view_restrictions().exists():
        raise Http404
    if filename == EVENT_FILENAME and isinstance(page, EventPage):
        return event_ics_response(request, page)
    if filename == FEED_FILENAME and isinstance(page, CalendarPage):
        return feed_response(request, page, within=None, title=page.title)
    if filename == FEED_FILENAME and isinstance(page, EventIndexPage):
        group = page.get_parent()
        return feed_response(request, page, within=group, title=f"{group.title}: {page.title}")
    raise Http404
