"""schema.org ``Event`` markup (JSON-LD) for an event page, as search engines read it.

Google's event rich results need name, startDate (with offset), location (a ``Place`` with
an address, or a ``VirtualLocation``) and, to show a cancelled or moved date correctly,
``eventStatus``. A series is described as one ``Event`` per upcoming date, as Google asks.
"""

import json
import re

from django.utils.safestring import mark_safe

from .feeds import location_text, plain_text

SCHEMA = "https://schema.org/"
MAX_OCCURRENCES = 12
FREE_WORDS = {"kostenlos", "kostenfrei", "gratis", "frei", "umsonst", "free", "0", "0 €", "0,00 €", "0 eur"}
PRICE = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur|euro)", re.I)
ONLINE = "online"


def _when(moment, all_day):
    return moment.date().isoformat() if all_day else moment.isoformat()


def _place(event):
    address = {"@type": "PostalAddress"}
    street = event.venue_address.replace("\n", ", ").strip() if event.venue_address else ""
    if street:
        address["streetAddress"] = street
    if event.town and event.town.casefold() != ONLINE:
        address["addressLocality"] = event.town
    if len(address) == 1:
        return None
    place = {"@type": "Place", "name": event.venue_name or location_text(event), "address": address}
    if event.latitude is not None and event.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(event.latitude), "longitude": float(event.longitude)}
    return place


def _offers(event, url):
    """``isAccessibleForFree`` and an ``Offer`` from the free-text cost field, when it says something clear."""
    cost = (event.cost or "").strip()
    if not cost:
        return {}
    if cost.casefold() in FREE_WORDS or cost.casefold().startswith(("kostenlos", "kostenfrei", "gratis")):
        return {
            "isAccessibleForFree": True,
            "offers": {"@type": "Offer", "price": "0", "priceCurrency": "EUR", "url": url,
                       "availability": SCHEMA + "InStock"},
        }
    match = PRICE.search(cost)
    if match:
        return {
            "isAccessibleForFree": False,
            "offers": {"@type": "Offer", "price": match[1].replace(",", "."), "priceCurrency": "EUR", "url": url,
                       "description": cost, "availability": SCHEMA + "InStock"},
        }
    return {"offers": {"@type": "Offer", "description": cost, "url": url}}


def _organizer(event, working_group, request):
    name = event.organiser or (working_group.title if working_group else "")
    if not name:
        return None
    organizer = {"@type": "Organization", "name": name}
    if working_group is not None:
        organizer["url"] = working_group.get_full_url(request)
    return organizer


def _status(event, occurrence):
    if event.cancelled or (occurrence is not None and occurrence.date_cancelled):
        return SCHEMA + "EventCancelled"
    if occurrence is not None and occurrence.moved:
        return SCHEMA + "EventRescheduled"
    return SCHEMA + "EventScheduled"


def event_data(event, request, occurrences, *, working_group=None, image_url=None):
    """The JSON-LD objects for ``event``: one per occurrence in ``occurrences`` (at least the first start)."""
    url = event.get_full_url(request)
    place = _place(event)
    virtual = None
    if event.online_url:
        virtual = {"@type": "VirtualLocation", "url": event.online_url}
    elif (event.town or "").casefold() == ONLINE:
        virtual = {"@type": "VirtualLocation", "url": url}  # the link is given on the page (or on registering)
    locations = [item for item in (place, virtual) if item]
    if place and virtual:
        mode = "MixedEventAttendanceMode"
    elif virtual:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    common = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "eventAttendanceMode": SCHEMA + mode,
        "inLanguage": list(event.languages or []) or event.locale.language_code,
    }
    description = plain_text(event.description)
    if description:
        common["description"] = description[:5000]
    if locations:
        common["location"] = locations[0] if len(locations) == 1 else locations
    organizer = _organizer(event, working_group, request)
    if organizer:
        common["organizer"] = organizer
    if image_url:
        common["image"] = [image_url]
    common.update(_offers(event, url))
    items = []
    for occurrence in list(occurrences)[:MAX_OCCURRENCES] or [None]:
        start = occurrence.start if occurrence else event.local_start
        end = occurrence.end if occurrence else event.local_start + event.duration
        item = {**common, "startDate": _when(start, event.all_day), "endDate": _when(end, event.all_day),
                "eventStatus": _status(event, occurrence)}
        if occurrence is not None and occurrence.moved and occurrence.recurrence_id is not None:
            item["previousStartDate"] = _when(occurrence.recurrence_id, event.all_day)
        items.append(item)
    return items


def json_ld_script(items):
    """``<script type="application/ld+json">``, safe inside HTML (``<``, ``>``, ``&`` escaped as JSON does)."""
    text = json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
