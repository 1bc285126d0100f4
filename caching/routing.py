"""Wagtail's page routing, started from a home page the frame cache remembers.

Before Wagtail walks down a page's path it finds, on every request, the site for the host (one
query), the active language's ``Locale`` (one), the site root's translation in that language (one,
not for German) and that page's specific type (one). Which site and which home page answer a host
in a language changes only when the sites are edited or a home page is published, unpublished,
moved or deleted, so the frame cache keeps that answer (part ``route``, stale with the page at
``/<language>/``: ``caching.versions.page_scopes``; a site or locale edit makes everything stale)
and routing starts with one query for the home page. The walk below it is Wagtail's own
(``Page.route``: the page types' own routes, live pages only).

The routed page also gets the ``Locale`` object it belongs to, so the page types' views (the
calendar, the directory, the event pages) read ``page.locale`` without a query.

Without the frame cache (no Redis) this is Wagtail's serve view unchanged.
"""

from django.apps import apps
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Locale, Site

from caching import frame


def serve(request, path):
    """Wagtail's ``serve`` view with the route found here first (Wagtail reads it from the request)."""
    if frame.enabled() and not hasattr(request, "_wagtail_route_for_request"):
        found = _route(request, path)
        if found is not _UNKNOWN:
            request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)


_UNKNOWN = object()  # the kept home page has gone (a race with its deletion): Wagtail routes as usual


def _route(request, path):
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    language = translation.get_language()
    site, locale, home = frame.cached("route", [hostname, port, f"/{language}/"], lambda: _start(request))
    if site is None:
        return _UNKNOWN
    request._wagtail_site = site
    if home is None:
        return None
    label, pk = home
    page = apps.get_model(label).objects.filter(pk=pk).first()
    if page is None:
        del request._wagtail_site
        return _UNKNOWN
    try:
        found = page.route(request, [component for component in path.split("/") if component])
    except Http404:
        return None
    if locale is not None and found[0].locale_id == locale.pk:
        found[0].locale = locale
    return found


def _start(request):
    """``(site, locale, (model label, pk) of the home page)`` as Wagtail's ``Page.route_for_request``
    finds them (``site.root_page.localized.specific``), as plain values the cache can keep."""
    site = Site._find_for_request(request)
    if site is None:
        return None, None, None
    home = site.root_page.localized
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        locale = None
    kept = Site(**{field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields})
    return kept, locale, (home.specific_class._meta.label, home.pk)
