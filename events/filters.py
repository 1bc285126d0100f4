"""The calendar's filters (working group, category, language, town), read from plain GET parameters.

The same parameters work on the calendar page, the feeds and the API. Values
that match nothing are ignored and reported to the visitor, never an error page.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import Page

from .caching import cached
from .languages import language_name

GROUP_PARAM = "arbeitskreis"
CATEGORY_PARAM = "kategorie"
LANGUAGE_PARAM = "sprache"
TOWN_PARAM = "ort"
FILTER_PARAMS = (GROUP_PARAM, CATEGORY_PARAM, LANGUAGE_PARAM, TOWN_PARAM)


@dataclass
class FilterOptions:
    """What can be chosen in one language: a constant number of queries, however many events there are."""

    groups: dict  # slug -> working group page
    categories: dict  # slug -> name
    towns: list
    languages: list  # codes
    _groups_by_path: dict = field(default=None, repr=False, compare=False)

    @classmethod
    def for_locale(cls, locale):
        """The choices for ``locale``, kept between requests where the site allows it (they scan every event)."""
        return cached("calendar-filter-options", [locale.pk], lambda: cls._load(locale))

    @classmethod
    def _load(cls, locale):
        from .models import EventCategory, EventIndexPage, EventPage

        index_paths = EventIndexPage.objects.live().filter(locale=locale).values_list("path", flat=True)
        group_paths = {path[: -Page.steplen] for path in index_paths}
        groups = {
            group.slug: group
            for group in Page.objects.filter(path__in=group_paths).live().order_by("path").only(
                "id", "title", "slug", "path", "depth", "url_path", "locale_id"
            )
        }
        categories = dict(
            EventCategory.objects.filter(locale=locale).order_by("name").values_list("slug", "name")
        )
        towns, codes = set(), set()
        for town, spoken in EventPage.objects.live().public().filter(locale=locale).values_list("town", "languages"):
            if town:
                towns.add(town)
            codes.update(spoken or [])
        return cls(groups=groups, categories=categories, towns=sorted(towns), languages=sorted(codes))

    def group_for(self, event):
        """The working group of ``event`` (a page or a ``Schedule``): the parent of its event index."""
        if self._groups_by_path is None:
            self._groups_by_path = {group.path: group for group in self.groups.values()}
        return self._groups_by_path.get(event.path[: -2 * Page.steplen])

    def language_choices(self):
        return sorted(((code, language_name(code)) for code in self.languages), key=lambda item: item[1])


@dataclass
class CalendarFilters:
    group: object = None
    category: str = ""
    language: str = ""
    town: str = ""
    notices: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.group or self.category or self.language or self.town)

    def query_items(self):
        """The filters as GET parameters, for links that keep them (pages, feeds, month switch)."""
        items = []
        if self.group:
            items.append((GROUP_PARAM, self.group.slug))
        if self.category:
            items.append((CATEGORY_PARAM, self.category))
        if self.language:
            items.append((LANGUAGE_PARAM, self.language))
        if self.town:
            items.append((TOWN_PARAM, self.town))
        return items

    def keep(self, occurrence):
        """Language is checked in Python: the list of languages is JSON, which SQLite cannot search."""
        return not self.language or self.language in (occurrence.event.languages or [])


def read_filters(params, options):
    """Filters from GET parameters; unknown values are dropped with a notice."""
    filters = CalendarFilters()
    group = params.get(GROUP_PARAM, "").strip()
    if group:
        if group in options.groups:
            filters.group = options.groups[group]
        else:
            filters.notices.append(_("Diesen Arbeitskreis gibt es nicht. Es werden alle Arbeitskreise gezeigt."))
    category = params.get(CATEGORY_PARAM, "").strip()
    if category:
        if category in options.categories:
            filters.category = category
        else:
            filters.notices.append(_("Diese Veranstaltungsart gibt es nicht. Es werden alle Arten gezeigt."))
    language = params.get(LANGUAGE_PARAM, "").strip()
    if language:
        if language in options.languages:
            filters.language = language
        else:
            filters.notices.append(_("Für diese Sprache gibt es keine Veranstaltungen. Es werden alle gezeigt."))
    town = params.get(TOWN_PARAM, "").strip()
    if town:
        match = next((known for known in options.towns if known.casefold() == town.casefold()), None)
        if match:
            filters.town = match
        else:
            filters.notices.append(_("Für diesen Ort gibt es keine Veranstaltungen. Es werden alle Orte gezeigt."))
    return filters
