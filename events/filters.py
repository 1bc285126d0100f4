"""The calendar's filters (working group, category, language, town), read from plain GET parameters.

The same parameters work on the calendar page, the feeds and the API. Values
that match nothing are ignored and reported to the visitor, never an error page.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import Page

from .caching import cached
from .groups import working_groups
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
    groups_by_index_path: dict = field(default_factory=dict, repr=False, compare=False)  # index path -> group

    @classmethod
    def for_locale(cls, locale):
        """The choices for ``locale``, kept between requests where the site allows it (they scan every event)."""
        return cached("calendar-filters", [locale.pk], lambda: cls._load(locale))

    @classmethod
    def _load(cls, locale):
        from .models import EventCategory, EventIndexPage, EventPage

        indexes = list(EventIndexPage.objects.live().filter(locale=locale).only("id", "path", "depth", "locale_id"))
        owners = working_groups(indexes)
        groups_by_index_path = {index.path: owners[index.pk] for index in indexes if owners.get(index.pk)}
        groups = {group.slug: group for group in sorted(groups_by_index_path.values(), key=lambda page: page.path)}
        categories = dict(
            EventCategory.objects.filter(locale=locale).order_by("name").values_list("slug", "name")
        )
        towns, codes = set(), set()
        for town, spoken in EventPage.objects.live().public().filter(locale=locale).values_list("town", "languages"):
            if town:
                towns.add(town)
            codes.update(spoken or [])
        return cls(groups=groups, categories=categories, towns=sorted(towns), languages=sorted(codes),
                   groups_by_index_path=groups_by_index_path)

    def group_for(self, event):
        """The working group of ``event`` (a page or a ``Schedule``): the owner of its event index."""
        return self.groups_by_index_path.get(event.path[: -Page.steplen])

    def index_paths(self, group):
        """The paths of the event indexes ``group`` owns, for ``candidate_events(indexes=...)``."""
        return [path for path, owner in self.groups_by_index_path.items() if owner.pk == group.pk]

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
