"""Read-only JSON API of the directory for partner sites and apps: ``/api/v2/organisations/``.

Same filters as the public page (``q``, ``kategorie``, ``arbeitskreis``, ``ort``,
``kreis``, ``sprache``, ``jetzt_offen``), plus ``locale`` for the language of the
answer (texts, category and working-group names; default German; ``lang`` is accepted as
in older versions of the calendar's API) and ``limit``/``offset`` for paging. Invalid values
get a 400 with ``{"error": ...}`` in the requested language. Any origin may read the answers
(``Access-Control-Allow-Origin: *``). See orgdirectory/README.md.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from .directory import (
    Entry,
    find_entries,
    localized_categories,
    localized_entries,
    localized_group_titles,
    parse_query,
    with_details,
)
from .holidays import translated_note
from .membership import directory_for
from .models import Organisation
from .presenters import interval_label, languages, status_text

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


LANGUAGE_PARAMS = ("locale", "lang")


class InvalidParameter(Exception):
    """A query value the API refuses; the message is for the caller, in the requested language."""


def requested_locale(request):
    code = next((request.GET[name] for name in LANGUAGE_PARAMS if request.GET.get(name)), settings.LANGUAGE_CODE)
    codes = [code for code, _name in settings.LANGUAGES]
    if code not in codes:
        raise InvalidParameter(_("Unbekannte Sprache. Erlaubt sind: %(codes)s") % {"codes": ", ".join(codes)})
    return Locale.objects.get(language_code=code)


def number(value, default, maximum, *, name, minimum=0):
    if value is None or value == "":
        return default
    try:
        found = int(value)
    except (TypeError, ValueError):
        found = None
    if found is None or not minimum <= found <= maximum:
        raise InvalidParameter(
            _("„%(name)s“ muss eine ganze Zahl von %(minimum)s bis %(maximum)s sein.")
            % {"name": name, "minimum": minimum, "maximum": maximum}
        )
    return found


def serialize(entry, request, labels):
    shown, source = entry.shown, entry.source
    status = source.opening_status()
    directory = labels["directory"]
    return {
        "key": source.key,
        "locale": shown.locale.language_code,
        "translated": not entry.lang,
        "name": shown.name,
        "short_name": shown.short_name,
        "category": {"slug": source.category.slug, "name": labels["categories"].get(source.category.slug, "")}
        if source.category_id
        else None,
        "description": shown.description,
        "services": shown.service_list,
        "target_groups": shown.target_group_list,
        "address": {
            "street": source.street,
            "postcode": source.postcode,
            "town": source.town,
            "county": source.county.slug if source.county_id else "",
        },
        "coordinates": {"latitude": float(source.latitude), "longitude": float(source.longitude)}
        if source.latitude is not None and source.longitude is not None
        else None,
        "phone": source.phone,
        "email": source.email,
        "website": source.website,
        "opening_hours": {
            "weekly": [
                {
                    "weekday": item.weekday,
                    "opens": item.opens.strftime("%H:%M"),
                    "closes": item.closes.strftime("%H:%M"),
                    "closes_next_day": item.closes_next_day,
                    "label": interval_label(item.opens, item.closes, item.closes_next_day),
                }
                for item in source.opening_intervals.all()
            ],
            "exceptions": [
                {
                    "date": item.day.isoformat(),
                    "closed": item.closed,
                    "opens": item.opens.strftime("%H:%M") if item.opens else None,
                    "closes": item.closes.strftime("%H:%M") if item.closes else None,
                    "note": translated_note(item.note),
                }
                for item in source.opening_exceptions.all()
            ],
            "note": shown.opening_note,
            "by_appointment_only": source.by_appointment_only,
            "open_now": status.is_open if status else None,
            "status": status_text(status),
        },
        "languages": languages(source),
        "wheelchair_access": source.wheelchair_access or None,
        "working_groups": [
            {"slug": item.page.slug, "title": labels["groups"].get(item.page.slug, item.page.title)}
            for item in source.memberships.all()
        ],
        "url": _directory_url(labels, request) + directory.reverse_subpage("organisation", args=[source.key])
        if directory
        else None,
    }


class DirectoryAPIView(APIView):
    """Public and read-only. A 404 stays a 404: the API lives outside the language prefixes, and
    LocaleMiddleware would otherwise answer a missing entry with a redirect to ``/de/api/...``."""

    permission_classes = [AllowAny]
    authentication_classes = []

    def handle_exception(self, exc):
        if isinstance(exc, InvalidParameter):
            return Response({"error": str(exc)}, status=400)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        request._request.urlconf = "orgdirectory.api_urlconf"
        response["Access-Control-Allow-Origin"] = "*"  # public and read-only: any web app may read it
        return super().finalize_response(request, response, *args, **kwargs)


def _directory_url(labels, request):
    """The directory page's absolute URL on its configured Wagtail site (as feeds and vCards link), once per answer."""
    if "directory_url" not in labels:
        labels["directory_url"] = labels["directory"].get_full_url(request)
    return labels["directory_url"]


def labels_for(locale):
    return {
        "categories": localized_categories(locale),
        "groups": localized_group_titles(locale),
        "directory": directory_for(locale),
    }


class OrganisationListAPI(DirectoryAPIView):
    def get(self, request):
        locale = requested_locale(request)
        with translation.override(locale.language_code):
            query = parse_query(request.GET)
            entries = find_entries(query, locale)
            total = entries.count()
            offset = number(request.GET.get("offset"), 0, 10**9, name="offset")
            limit = number(request.GET.get("limit"), DEFAULT_LIMIT, MAX_LIMIT, name="limit", minimum=1)
            page = localized_entries(entries[offset : offset + limit], locale)
            labels = labels_for(locale)
            return Response(
                {
                    "meta": {
                        "total_count": total,
                        "offset": offset,
                        "limit": limit,
                        "locale": locale.language_code,
                        "filters": query.as_params(),
                        "problems": query.problems,
                    },
                    "items": [serialize(entry, request, labels) for entry in page],
                }
            )


class OrganisationDetailAPI(DirectoryAPIView):
    def get(self, request, key):
        locale = requested_locale(request)
        with translation.override(locale.language_code):
            sources = list(with_details(Organisation.objects.filter(
                key=key, live=True, locale__language_code=settings.LANGUAGE_CODE
            )))
            if not sources:
                raise NotFound()
            entry: Entry = localized_entries(sources, locale)[0]
            return Response(serialize(entry, request, labels_for(locale)))
