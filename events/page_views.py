"""What the calendar page, an event index and an event page show; the page models call these lazily."""

from datetime import timedelta
from urllib.parse import quote, quote_plus, urlencode

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects

from .caching import cached
from .describe import describe_series
from .filters import FilterOptions, read_filters
from .groups import working_group
from .ics_views import EVENT_FILENAME, FEED_FILENAME
from .languages import language_name, spoken_languages
from .listing import OccurrenceList
from .month import MONTH_PARAM, MONTH_VIEW, VIEW_PARAM, month_context, month_link, parse_month
from .occurrences import candidate_events, expand, window_for_month
from .selection import filtered_occurrences, group_by_day, listed_occurrences, with_urls, with_whole_events
from .structured_data import event_data, json_ld_script
from .timezone import local_now, start_of_day
from .week import WEEK_PARAM, WEEK_VIEW, monday_of, parse_week, week_context, week_link

LIST_HORIZON = timedelta(days=365)
ARCHIVE_SPAN = timedelta(days=730)
PER_PAGE = 20
ALL_DATES_SHOWN = 60  # an event page lists the dates of the coming year, at most this many
PAGE_PARAM = "seite"


def subscribe_links(request, page, filters):
    path = page.url + FEED_FILENAME
    query = urlencode(filters.query_items())
    https_url = request.build_absolute_uri(path) + (f"?{query}" if query else "")
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {"feed_url": https_url, "webcal_url": webcal_url}


def calendar_view(page, request, *, archive):
    options = FilterOptions.for_locale(page.locale)
    filters = read_filters(request.GET, options)
    now = local_now()
    notices = list(filters.notices)
    month_view = request.GET.get(VIEW_PARAM) == MONTH_VIEW and not archive
    week_view = request.GET.get(VIEW_PARAM) == WEEK_VIEW and not archive
    context = {
        "filters": filters,
        "options": options,
        "archive": archive,
        "month_view": month_view,
        "week_view": week_view,
        "page_param": PAGE_PARAM,
        "filter_query": urlencode(filters.query_items()),
        "list_url": page.url + ("?" + urlencode(filters.query_items()) if filters.active else ""),
        "archive_url": page.url + page.reverse_subpage("archive"),
        "calendar_url": page.url,
        **subscribe_links(request, page, filters),
    }
    if month_view:
        year, month, notice = parse_month(request.GET.get(MONTH_PARAM), now.date())
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
        elif week_view:
            monday, notice = parse_week(request.GET.get(WEEK_PARAM), now.date())
            if notice:
                notices.append(notice)
            context.update(week_context(monday, filters))
            found = listed_occurrences(page.locale, filters, options, start_of_day(monday),
                                       start_of_day(monday + timedelta(days=7)))
        else:
            found = listed_occurrences(page.locale, filters, options, now, now + LIST_HORIZON)
        page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
        page_obj.object_list = with_whole_events(page_obj.object_list)
        context.update({"page_obj": page_obj, "days": group_by_day(page_obj.object_list)})
        template = "events/calendar_page.html"
        today = now.date()
        context["month_url"] = month_link(today.year, today.month, filters)
        context["week_url"] = week_link(monday_of(today), filters)
    context["notices"] = notices
    if month_view:
        context["reset_url"] = f"?{VIEW_PARAM}={MONTH_VIEW}&{MONTH_PARAM}={context['month_value']}"
    elif week_view:
        context["reset_url"] = f"?{VIEW_PARAM}={WEEK_VIEW}&{WEEK_PARAM}={context['week_value']}"
    else:
        context["reset_url"] = context["archive_url"] if archive else page.url
    return page.render(request, context_overrides=context, template=template)


def index_context(index, request):
    """An event index shows the upcoming events of its own, with its feed and a link to its working group
    in the whole calendar."""
    options = FilterOptions.for_locale(index.locale)
    group = working_group(index)
    filters = read_filters({}, options)
    filters.group = options.groups.get(group.slug) if group else None
    now = local_now()
    found = OccurrenceList(
        candidate_events(index.locale, now, now + LIST_HORIZON, within=index), now, now + LIST_HORIZON,
        annotate=lambda schedule: setattr(schedule, "working_group_page", group),
    )
    page_obj = Paginator(found, PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
    page_obj.object_list = with_whole_events(page_obj.object_list)
    calendar_page = _calendar_page(index.locale)
    context = {
        "page_obj": page_obj,
        "page_param": PAGE_PARAM,
        "days": group_by_day(page_obj.object_list),
        "calendar_page": calendar_page,
        **subscribe_links(request, index, read_filters({}, options)),
    }
    if calendar_page is not None and filters.group is not None:
        context["calendar_group_url"] = calendar_page.url + "?" + urlencode(filters.query_items())
    return context


def _calendar_page(locale):
    """The calendar in ``locale``, which event indexes and event pages link to: kept with the calendar's
    filter choices where the site allows it (publishing, moving or unpublishing a calendar makes them stale)."""
    return cached("calendar-filters", [locale.pk, "calendar-page"], lambda: _find_calendar_page(locale))


def _find_calendar_page(locale):
    from .models import CalendarPage

    # One per language; ordering by pk, not path, keeps PostgreSQL from walking the page tree. Only what a
    # link to it needs, so a kept copy stays small.
    return (CalendarPage.objects.live().filter(locale=locale).order_by("pk")
            .only("id", "path", "depth", "url_path", "slug", "title", "locale_id").first())


def readable_query_value(text):
    """``text`` for a URL's query, percent-encoding only what a query cannot hold (spaces as ``+``).

    Letters such as ß or ö stay as they are: browsers encode them when following the link, and a
    printed page shows the address as written (``?query=Hauptstraße+12,+Lörrach``, not ``%C3%9F``).
    """
    return "".join(char if ord(char) > 127 and char.isprintable() and not char.isspace() else quote_plus(char, safe=",/")
                   for char in text)


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
        "osm_url": f"https://www.openstreetmap.org/search?query={readable_query_value(address)}",
    }


def _image_url(event, request):
    if not event.image_id:
        return None
    return request.build_absolute_uri(event.image.get_rendition("width-1200").url)


def event_context(event, request):
    if event.rrule and "exceptions" not in getattr(event, "_cluster_related_objects", {}):
        # One query for the exceptions that the dates and the summary below all read (a preview keeps its own).
        prefetch_related_objects([event], "exceptions")
    now = local_now()
    dates = expand(event, now, now + LIST_HORIZON)
    upcoming = dates[:12]
    first_occurrence = expand(event, start_of_day(event.local_start.date()), now + LIST_HORIZON)[:1]
    past = event.last_end is not None and event.last_end < now
    index = event.get_parent()
    group = working_group(index) if index else None
    described = upcoming if event.rrule and upcoming else first_occurrence
    return {
        "upcoming": upcoming,
        "all_dates": dates[:ALL_DATES_SHOWN],
        "next_occurrence": next((item for item in dates if not item.date_cancelled), None),
        "series_summary": describe_series(event),
        "first_occurrence": first_occurrence,
        "json_ld": json_ld_script(
            event_data(event, request, described, working_group=group, image_url=_image_url(event, request))
        ),
        "is_past": past,
        "working_group": group,
        "language_names": [language_name(code) for code in event.languages or []],
        "spoken_languages": spoken_languages(event.languages or []),
        "ics_url": event.url + EVENT_FILENAME,
        "calendar_page": _calendar_page(event.locale),
        **map_links(event),
    }
