"""Site search: one result list over pages, news, events and directory entries, in the visitor's language.

Wagtail's search backend does the matching (``WAGTAILSEARCH_BACKENDS``: the database backend,
full text on PostgreSQL, FTS5 on SQLite; ``security/search.py`` cleans what a visitor types).
Pages are searched in the visitor's locale; a page nobody has translated yet exists there as an
alias of the German page and carries its German text, so it is found by German words and shown
marked as German. Directory entries are searched in the visitor's language and, for entries
without a translation, in German (marked likewise). Upcoming events come first, past events last.

Results are never kept by the page cache (``caching.pages`` leaves every request with ``q`` alone,
so a visitor's queries never enter its key space); only the empty search form is
(``declare_cacheability``). The matches themselves are kept in the frame cache under a fixed-length
digest of the cleaned query (``kept_matches``), until any page or directory entry changes
(``caching.dependencies.SITE_SEARCH``): a common search costs no search query the second time.
"""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from caching.frame import cached
from security.search import clean_query

RESULTS_PER_PAGE = 10
MAX_HITS_PER_KIND = 200
MIN_QUERY_LENGTH = 2
SNIPPET_LENGTH = 180


@dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: str
    lang: str = ""
    when: object = None


# Where one block of rich text or StreamField ends and the next begins; strip_tags alone would glue
# "… aus.</p><p>Beispielinhalt" into "aus.Beispielinhalt".
BLOCK_BOUNDARY = re.compile(r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|blockquote|section|tr|td|th|figure|figcaption)\b[^>]*|br\s*/?)>", re.I)


def _text_of(obj, names):
    parts = []
    for name in names:
        value = getattr(obj, name, "")
        if value is None:
            continue
        parts.append(strip_tags(BLOCK_BOUNDARY.sub(" ", str(value))))
    return " ".join(" ".join(parts).split())


def snippet(text, query):
    """A short excerpt of ``text`` around the first word of ``query`` it contains, the words marked."""
    words = [word for word in query.split() if len(word) >= MIN_QUERY_LENGTH]
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE) if words else None
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - SNIPPET_LENGTH // 3) if match else 0
    end = min(len(text), start + SNIPPET_LENGTH)
    # Whole words only: the excerpt starts after a space and ends before one (in every script).
    if start and not text[start - 1].isspace():
        space = text.find(" ", start, match.start() if match else end)
        start = space + 1 if space != -1 else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", max(start, match.end() if match else start), end)
        end = space if space != -1 else end
    excerpt = text[start:end].strip()
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    if pattern is None:
        return escape(prefix + excerpt + suffix)
    marked, last = [], 0
    for hit in pattern.finditer(excerpt):
        marked.append(escape(excerpt[last : hit.start()]))
        marked.append(f"<mark>{escape(hit.group(0))}</mark>")
        last = hit.end()
    marked.append(escape(excerpt[last:]))
    return mark_safe(escape(prefix) + "".join(marked) + escape(suffix))


PAGE_TEXT_FIELDS = ["teaser", "intro", "description", "goals", "background", "members", "body", "town", "organiser"]


def _page_kind(page):
    label = page._meta.label_lower
    if label == "events.eventpage":
        return "event"
    if label == "home.newspage":
        return "news"
    return "page"


def _last_end(event):
    """When the event (or the last date of its series) ends; ``None`` for a series without end."""
    if getattr(event, "repeat", "") and not getattr(event, "repeat_until", None) and not getattr(event, "repeat_count", None):
        return None
    return getattr(event, "last_end", None) or getattr(event, "end", None) or event.start


def search_pages(query, locale, request):
    """Live public pages of ``locale`` (untranslated ones as German aliases) matching ``query``."""
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1)
    hits = pages.search(query, operator="and")[:MAX_HITS_PER_KIND]
    hit_ids = [page.pk for page in hits]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=hit_ids).specific()}
    results = []
    for pk in hit_ids:
        page = specific.get(pk)
        if page is None:
            continue
        url = page.get_url(request)
        if not url:
            continue
        text = _text_of(page, PAGE_TEXT_FIELDS) or page.title
        is_german = bool(page.alias_of_id) and locale.language_code != settings.LANGUAGE_CODE
        when = None
        if _page_kind(page) == "event":
            when = (page.start, _last_end(page))
        results.append(
            Result(
                kind=_page_kind(page),
                title=page.title,
                url=url,
                snippet=snippet(text, query) or snippet(page.title, query),
                lang=settings.LANGUAGE_CODE if is_german else "",
                when=when,
            )
        )
    return results


def search_entries(query, locale):
    """Directory entries in ``locale``, and German entries that have no translation there (marked German)."""
    from orgdirectory.models import DirectoryPage, Organisation

    results = []
    own = Organisation.objects.filter(locale=locale, live=True)
    translated_keys = set(own.values_list("translation_key", flat=True))
    searches = [(own, "")]
    if locale.language_code != settings.LANGUAGE_CODE:
        # Filter by the locale itself: the search backend filters on indexed fields only (locale, live).
        german = Organisation.objects.filter(locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE), live=True)
        searches.append((german, settings.LANGUAGE_CODE))
    directory = DirectoryPage.objects.live().filter(locale=locale).first()
    if directory is None:
        return results
    for queryset, lang in searches:
        for entry in get_search_backend().search(query, queryset, operator="and")[:MAX_HITS_PER_KIND]:
            if lang and entry.translation_key in translated_keys:
                continue
            url = directory.organisation_url(entry.key)
            text = _text_of(entry, ["name", "description", "services", "target_groups", "town"])
            results.append(Result("organisation", entry.name, url, snippet(text, query), lang))
    return results


def kept_matches(query, locale, request):
    """Every match of ``query`` in ``locale``, from the frame cache while no page or entry has changed."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return cached(
        "site-search", [request.get_host(), locale.language_code, digest],
        lambda: search_pages(query, locale, request) + search_entries(query, locale),
    )


def ordered(results):
    """Upcoming events first (soonest first), then pages and news, then directory entries, then past events."""
    now = timezone.now()
    upcoming = sorted(
        (r for r in results if r.kind == "event" and r.when and (r.when[1] is None or r.when[1] >= now)),
        key=lambda r: r.when[0],
    )
    past = [r for r in results if r.kind == "event" and r not in upcoming]
    pages = [r for r in results if r.kind in ("page", "news")]
    entries = [r for r in results if r.kind == "organisation"]
    return upcoming + pages + entries + past


KIND_LABELS = {
    "page": lambda: _("Seite"),
    "news": lambda: _("Nachricht"),
    "event": lambda: _("Veranstaltung"),
    "organisation": lambda: _("Einrichtung"),
}


def search_view(request):
    raw = request.GET.get("q", "")
    query = clean_query(raw) if isinstance(raw, str) else ""
    locale = Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()
    problem = ""
    results = []
    if not query:
        problem = "empty" if raw.strip() == "" else "unusable"
    elif len(query) < MIN_QUERY_LENGTH:
        problem = "short"
    else:
        results = ordered(kept_matches(query, locale, request))
    for result in results:
        result.kind_label = KIND_LABELS[result.kind]()
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("seite"))
    response = render(
        request,
        "home/search_results.html",
        {
            "query": query,
            "querystring": urlencode({"q": query}),
            "results": page_of_results,
            "count": len(results),
            "problem": problem,
        },
    )
    declare_cacheability(response)
    return response


def declare_cacheability(response):
    """Browsers and CDNs are told ``no-cache`` (they cannot know about edits); the site's page cache may keep
    the empty form (``page_cache_seconds``: no limit of its own). A request with ``q`` never reaches it."""
    patch_cache_control(response, no_cache=True)
    response.page_cache_seconds = None
