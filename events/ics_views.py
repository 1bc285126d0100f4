"""The .ics files: a calendar's or working group's feed (``feed.ics``) and one event (``termin.ics``).

Wagtail serves only paths that end in a slash, so these files get their own URL
pattern (``events.ics_urls``); the page is found by Wagtail's own routing, in the
URL's language.
"""

import gzip
import hashlib
from datetime import UTC, timedelta
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from wagtail.models import PageLogEntry, Site

from .caching import cached
from .feeds import EPOCH, build_calendar, last_modified
from .filters import FilterOptions, read_filters
from .groups import working_group
from .selection import filtered_events
from .timezone import local_now

FEED_PAST = timedelta(days=180)
FEED_FILENAME = "feed.ics"
EVENT_FILENAME = "termin.ics"


def ics_response(request, body, filename, *, attachment, compressed=None, modified=None):
    """The calendar file, with an ETag and Last-Modified: a calendar app asking again gets "304 Not Modified".

    ``compressed`` is the same file gzipped ahead of time (a full feed is megabytes: compressing
    it on every request would cost more than building the page); sent to clients that accept it.
    ``modified`` is the latest publication among the file's events. Both headers travel with the
    response, so a whole-page cache in front of this view can answer conditional requests too
    (the site does it with Django's ``ConditionalGetMiddleware``).
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
    timestamp = int(modified.timestamp()) if modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def newest(events):
    """The latest publication among ``events``, or the latest event taken off the site (unpublished,
    deleted, moved), whichever is later: a feed that lost an event is newer than its remaining ones."""
    from .models import EventPage

    removed = (
        PageLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(EventPage),
            action__in=("wagtail.unpublish", "wagtail.delete", "wagtail.move"),
        )
        .aggregate(latest=Max("timestamp"))["latest"]
    )
    published = max((last_modified(event) for event in events), default=EPOCH)
    return max(published, removed.astimezone(UTC).replace(microsecond=0)) if removed else published


def feed_response(request, page, *, title, within=None):
    """The iCalendar feed of ``page``'s language, limited to the events below ``within`` and the GET filters.

    A feed lists every event, so it is built (and compressed) once per change of content
    (``caching.cached``) and shared by all subscribers with the same filters.
    """
    options = FilterOptions.for_locale(page.locale)
    filters = read_filters(request.GET, options)

    def build():
        now = local_now()
        events = list(filtered_events(page.locale, filters, options, now - FEED_PAST, None, within=within))
        body = build_calendar(events, request, title).to_ical()
        return body, gzip.compress(body, mtime=0), max(newest(events), last_modified(page))

    key = [request.scheme, request.get_host(), page.pk, urlencode(filters.query_items())]
    body, compressed, modified = cached("feed", key, build)
    return ics_response(request, body, f"{page.slug}.ics", attachment=False, compressed=compressed, modified=modified)


def event_ics_response(request, event):
    body = build_calendar([event], request, event.title).to_ical()
    return ics_response(request, body, f"{event.slug}.ics", attachment=True, modified=last_modified(event))


def ics_view(request, page_path, filename):
    """``<page>/feed.ics`` and ``<event>/termin.ics``."""
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
        return feed_response(request, page, title=page.title)
    if filename == FEED_FILENAME and isinstance(page, EventIndexPage):
        group = working_group(page)
        title = f"{group.title}: {page.title}" if group else page.title
        return feed_response(request, page, within=page, title=title)
    raise Http404
