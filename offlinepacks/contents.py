"""Which addresses a pack holds: the pages of a section, the directory or the next weeks of the calendar.

Only public, live pages of the pack's language. The plugins are asked through their own public
functions (``events.occurrences``, ``orgdirectory.directory``); they know nothing of packs.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.http import Http404
from wagtail.models import Page

from home.models import WorkingGroupPage

KINDS = ("section", "directory", "calendar")
CALENDAR_WEEKS = 8
EVENT_FILE = "termin.ics"


@dataclass
class Pack:
    kind: str
    root: Page
    pages: list = field(default_factory=list)  # addresses (paths) of HTML pages and .ics files, in order

    @property
    def title(self):
        return self.root.title


def _find(model, page_id, language):
    page = model.objects.live().public().filter(pk=page_id, locale__language_code=language).first()
    if page is None:
        raise Http404
    return page


def _add(pack, url):
    if url and url not in pack.pages:
        pack.pages.append(url)


def section(page_id, language):
    """A working group's page and every live, public page below it (with the group's contact page)."""
    group = _find(WorkingGroupPage, page_id, language)
    pack = Pack("section", group)
    _add(pack, group.url)
    _add(pack, group.url + group.reverse_subpage("contact"))
    for page in group.get_descendants().live().public().order_by("path"):
        _add(pack, page.url)
    return pack


def directory(page_id, language):
    """The directory's list (every page of it) and every entry's page."""
    from orgdirectory.directory import find_entries, parse_query
    from orgdirectory.models import DirectoryPage
    from orgdirectory.views import PAGE_SIZE

    page = _find(DirectoryPage, page_id, language)
    pack = Pack("directory", page)
    keys = list(find_entries(parse_query({}), page.locale).entries.values_list("key", flat=True))
    _add(pack, page.url)
    for number in range(2, math.ceil(len(keys) / PAGE_SIZE) + 1):
        _add(pack, f"{page.url}?seite={number}")
    for key in keys:
        _add(pack, page.organisation_url(key))
    return pack


def calendar(page_id, language):
    """The calendar (or a working group's event index) and every event with a date in the next
    ``CALENDAR_WEEKS`` weeks from now in the calendar's time zone (Berlin), each with its .ics file."""
    from events.models import CalendarPage, EventIndexPage
    from events.occurrences import candidate_events, occurrences
    from events.timezone import local_now

    page = Page.objects.live().public().filter(pk=page_id, locale__language_code=language).first()
    if page is None or page.specific_class not in (CalendarPage, EventIndexPage):
        raise Http404
    page = page.specific
    pack = Pack("calendar", page)
    _add(pack, page.url)
    start = local_now()
    end = start + timedelta(weeks=CALENDAR_WEEKS)
    within = page if isinstance(page, EventIndexPage) else None
    found = occurrences(candidate_events(page.locale, start, end, within=within), start, end,
                        include_cancelled_dates=True)
    for occurrence in found:
        url = occurrence.event.url
        if url and url not in pack.pages:
            _add(pack, url)
            _add(pack, url + EVENT_FILE)
    return pack


BUILDERS = {"section": section, "directory": directory, "calendar": calendar}


def build(kind, page_id, language):
    """The pack, or ``Http404`` for an unknown kind, id or language."""
    builder = BUILDERS.get(kind)
    if builder is None:
        raise Http404
    return builder(page_id, language)
