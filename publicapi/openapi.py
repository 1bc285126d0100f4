"""The OpenAPI 3.1 description of every public API of the site, at ``/api/openapi.json``.

Written out here rather than generated: the calendar's API is a plain Django view and the
directory's and Wagtail's are DRF views without schemas, so a generator would describe only
part of them. The examples are real: the ids and keys are read from the site's own content
when the document is requested, and the tests run every example request against the site.
"""

from datetime import timedelta

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

NULLABLE_STRING = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _parameter(name, description, schema, example=None, *, location="query", required=False, deprecated=False):
    parameter = {"name": name, "in": location, "description": description, "required": required, "schema": schema}
    if example is not None:
        parameter["example"] = example
    if deprecated:
        parameter["deprecated"] = True
    return parameter


def _json(schema_name, description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


ERROR_400 = _json("Error", "An invalid value; the message is in the requested language.")
NOT_FOUND = {"description": "Not found (or not public)."}


def _locale_parameter():
    return _parameter(
        "locale", "Language of the answer (texts, names, URLs).", {"type": "string", "enum": _languages()},
        "ar",
    )


def _paging(maximum, default):
    return [
        _parameter("limit", f"How many items (1 to {maximum}).", {"type": "integer", "minimum": 1,
                                                                   "maximum": maximum, "default": default}, 5),
        _parameter("offset", "How many items to skip.", {"type": "integer", "minimum": 0, "default": 0}, 0),
    ]


def _examples():
    """Ids and keys that exist on this site, so every example request answers 200."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, Site

    from orgdirectory.models import Organisation

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    page = site.root_page if site else Page.objects.live().public().exclude(depth=1).first()
    image = get_image_model().objects.order_by("pk").first()
    restricted = list(CollectionViewRestriction.objects.values_list("collection_id", flat=True))
    document = get_document_model().objects.exclude(collection_id__in=restricted).order_by("pk").first()
    organisation = Organisation.objects.filter(live=True, locale__language_code=settings.LANGUAGE_CODE).order_by("key").first()
    return {
        "page": page.pk if page else None,
        "image": image.pk if image else None,
        "document": document.pk if document else None,
        "organisation": organisation.key if organisation else None,
    }


def _schemas():
    slug_title = {"type": ["object", "null"], "properties": {"slug": {"type": "string"}, "title": {"type": "string"},
                                                            "name": {"type": "string"}}}
    wagtail_meta = {"type": "object", "properties": {"type": {"type": "string"}, "detail_url": {"type": "string"}},
                    "required": ["detail_url"]}
    return {
        "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
        "Occurrence": {
            "type": "object",
            "required": ["uid", "title", "start", "end", "all_day", "cancelled", "url", "ics_url"],
            "properties": {
                "uid": {"type": "string", "description": "The event's iCalendar UID (as in the feeds)."},
                "title": {"type": "string"},
                "start": {"type": "string", "format": "date-time", "description": "With the UTC offset."},
                "end": {"type": "string", "format": "date-time"},
                "all_day": {"type": "boolean"},
                "cancelled": {"type": "boolean"},
                "date_cancelled": {"type": "boolean"},
                "moved": {"type": "boolean"},
                "note": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "ics_url": {"type": "string", "format": "uri"},
                "category": slug_title,
                "working_group": slug_title,
                "town": {"type": "string"},
                "location": {"type": "string"},
                "online_url": {"type": "string"},
                "languages": {"type": "array", "items": {"type": "string"}},
                "sequence": {"type": "integer"},
            },
        },
        "Occurrences": {
            "type": "object",
            "required": ["locale", "start", "end", "count", "occurrences"],
            "properties": {
                "locale": {"type": "string"},
                "language": {"type": "string", "deprecated": True, "description": "Same as locale."},
                "start": DATE,
                "end": DATE,
                "filters": {"type": "object"},
                "notices": {"type": "array", "items": {"type": "string"}},
                "count": {"type": "integer"},
                "occurrences": {"type": "array", "items": {"$ref": "#/components/schemas/Occurrence"}},
            },
        },
        "Organisation": {
            "type": "object",
            "required": ["key", "locale", "name", "address", "opening_hours", "url"],
            "properties": {
                "key": {"type": "string"},
                "locale": {"type": "string"},
                "translated": {"type": "boolean"},
                "name": {"type": "string"},
                "short_name": {"type": "string"},
                "category": slug_title,
                "description": {"type": "string", "description": "Rich text (HTML)."},
                "services": {"type": "array", "items": {"type": "string"}},
                "target_groups": {"type": "array", "items": {"type": "string"}},
                "address": {"type": "object", "properties": {
                    "street": {"type": "string"}, "postcode": {"type": "string"}, "town": {"type": "string"},
                    "county": {"type": "string"}}},
                "coordinates": {"type": ["object", "null"], "properties": {
                    "latitude": {"type": "number"}, "longitude": {"type": "number"}}},
                "phone": {"type": "string"},
                "email": {"type": "string"},
                "website": {"type": "string"},
                "opening_hours": {"type": "object", "properties": {
                    "weekly": {"type": "array", "items": {"type": "object"}},
                    "exceptions": {"type": "array", "items": {"type": "object"}},
                    "open_now": {"type": ["boolean", "null"]},
                    "status": NULLABLE_STRING}},
                "languages": {"type": "array", "items": {"type": "object", "properties": {
                    "code": {"type": "string"}, "name": {"type": "string"}, "dir": {"type": "string"}}}},
                "wheelchair_access": NULLABLE_STRING,
                "working_groups": {"type": "array", "items": slug_title},
                "url": {"type": ["string", "null"]},
            },
        },
        "Organisations": {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {"type": "object", "required": ["total_count", "offset", "limit", "locale"], "properties": {
                    "total_count": {"type": "integer"}, "offset": {"type": "integer"}, "limit": {"type": "integer"},
                    "locale": {"type": "string"}, "filters": {"type": "object"},
                    "problems": {"type": "array", "items": {"type": "string"}}}},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}},
            },
        },
        "WagtailItem": {
            "type": "object",
            "required": ["id", "meta"],
            "properties": {"id": {"type": "integer"}, "meta": wagtail_meta, "title": {"type": "string"}},
            "description": "A page, image or document; pages add the fields their type lists in api_fields "
                           "when asked with ?fields=…",
        },
        "WagtailList": {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {"type": "object", "required": ["total_count"], "properties": {"total_count": {"type": "integer"}}},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/WagtailItem"}},
            },
        },
        "WagtailError": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
    }


def _wagtail_paths(examples):
    paths = {}
    for name, label in (("pages", "Pages"), ("images", "Images"), ("documents", "Documents")):
        maximum = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        parameters = _paging(maximum, min(20, maximum))
        if name == "pages":
            parameters = [
                _parameter("locale", "Only pages of this language.", {"type": "string", "enum": _languages()}, "ar"),
                _parameter("type", "Only pages of this type (app_label.ModelName).", {"type": "string"},
                           "home.WorkingGroupPage"),
                _parameter("fields", "Extra fields to include (names from the type's api_fields), or *.",
                           {"type": "string"}, "intro"),
                *parameters,
            ]
        paths[f"/api/v2/{name}/"] = {"get": {
            "tags": ["Wagtail"], "operationId": f"list{label}",
            "summary": f"{label}: live and public only (Wagtail API v2)",
            "parameters": parameters,
            "responses": {"200": _json("WagtailList", f"{label}."),
                          "400": _json("WagtailError", "An unknown parameter or value (message in English, from Wagtail).")},
        }}
        paths[f"/api/v2/{name}/{{id}}/"] = {"get": {
            "tags": ["Wagtail"], "operationId": f"get{label[:-1]}",
            "summary": f"One of the {name}",
            "parameters": [_parameter("id", "Its id.", {"type": "integer"}, examples[name[:-1]], location="path",
                                      required=True)],
            "responses": {"200": _json("WagtailItem", "The item with all its public fields."), "404": NOT_FOUND},
        }}
    return paths


def openapi_document(request):
    examples = _examples()
    today = timezone.localdate()
    languages = _languages()
    occurrences_parameters = [
        _parameter("start", "First day (site's time zone); default today.", DATE, today.isoformat()),
        _parameter("end", "Last day, inclusive; default start + 30 days; at most 366 days after start.", DATE,
                   (today + timedelta(days=30)).isoformat()),
        _locale_parameter(),
        _parameter("lang", "Old name of locale.", {"type": "string", "enum": languages}, deprecated=True),
        _parameter("arbeitskreis", "Slug of a working group.", {"type": "string"}),
        _parameter("kategorie", "Slug of an event category.", {"type": "string"}),
        _parameter("sprache", "Only events held in this language (code).", {"type": "string"}),
        _parameter("ort", "Only events in this town (or 'online').", {"type": "string"}),
    ]
    organisations_parameters = [
        _parameter("q", "Search words.", {"type": "string"}),
        _parameter("kategorie", "Slug of a category.", {"type": "string"}),
        _parameter("arbeitskreis", "Slug of a working group.", {"type": "string"}),
        _parameter("ort", "Town.", {"type": "string"}),
        _parameter("kreis", "Slug of a county.", {"type": "string"}),
        _parameter("sprache", "Advice in this language (code).", {"type": "string"}, "ar"),
        _parameter("jetzt_offen", "1: only those open now.", {"type": "string", "enum": ["1"]}),
        _locale_parameter(),
        _parameter("lang", "Alias of locale.", {"type": "string", "enum": languages}, deprecated=True),
        *_paging(100, 20),
    ]
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "AK Migration Hochrhein – public APIs",
            "version": "1.0.0",
            "description": "Read-only, public, no authentication; every endpoint answers GET with "
                           "Access-Control-Allow-Origin: *. The language parameter is `locale` everywhere.",
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": {
            "/api/events/occurrences/": {"get": {
                "tags": ["Calendar"], "operationId": "listOccurrences",
                "summary": "Event dates in a range, series expanded, with the calendar's filters",
                "parameters": occurrences_parameters,
                "responses": {"200": _json("Occurrences", "The dates in time order."), "400": ERROR_400},
            }},
            "/api/v2/organisations/": {"get": {
                "tags": ["Directory"], "operationId": "listOrganisations",
                "summary": "Directory entries, with the directory's filters",
                "parameters": organisations_parameters,
                "responses": {"200": _json("Organisations", "One page of entries."), "400": ERROR_400},
            }},
            "/api/v2/organisations/{key}/": {"get": {
                "tags": ["Directory"], "operationId": "getOrganisation",
                "summary": "One directory entry",
                "parameters": [
                    _parameter("key", "The entry's stable key.", {"type": "string"}, examples["organisation"],
                               location="path", required=True),
                    _locale_parameter(),
                ],
                "responses": {"200": _json("Organisation", "The entry."), "400": ERROR_400, "404": NOT_FOUND},
            }},
            **_wagtail_paths(examples),
            "/api/openapi.json": {"get": {
                "tags": ["About"], "operationId": "getOpenAPI", "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {
                    "type": "object"}}}}},
            }},
        },
        "components": {"schemas": _schemas()},
    }
    return document


@require_GET
def openapi_view(request):
    response = JsonResponse(openapi_document(request), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
