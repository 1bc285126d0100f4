"""Template tags for the page frame: language switcher, hreflang links, menu and footer."""

import functools
from pathlib import Path

from babel.dates import format_date
from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from caching.frame import cached
from events.hyphenation import hyphenate as hyphenate_text
from home.models import Footer, MainMenu
from security.print_origin import origin_style
from translations.provenance import needs_check
from translations.status import is_untranslated, language_code_of, source_updated_since_translation, translations_of

register = template.Library()


def _versions_for(context):
    """Versions of the current page (or of the site root) in every language, kept per request.

    Plain data (URLs and whether a version is a placeholder), so the frame cache can keep it.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    memo = getattr(request, "_page_versions", None) if request else None
    if memo is not None and memo[0] == getattr(page, "pk", None):
        return memo[1]
    anchor = page
    if anchor is None and request is not None:
        site = Site.find_for_request(request)
        anchor = site.root_page if site else None
    if anchor is None:
        versions = {}
    else:
        # The full URLs (hreflang) carry the scheme: an https request behind the proxy must not
        # store https addresses for plain-http visitors, or the other way round.
        host = f"{request.scheme}://{request.get_host()}" if request else ""
        versions = cached("versions", [host, anchor.pk], lambda: _version_urls(anchor, request))
    if request is not None:
        request._page_versions = (getattr(page, "pk", None), versions)
    return versions


def _version_urls(anchor, request):
    return {
        code: {"url": version.get_url(request), "full_url": version.get_full_url(request), "alias": bool(version.alias_of_id)}
        for code, version in translations_of(anchor).items()
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: native name, direction and the URL of this page in it."""
    versions = _versions_for(context)
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        version = versions.get(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": version["url"] if version and version["url"] else f"/{code}/",
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``hreflang`` links for every real translation of the page, plus ``x-default`` (German)."""
    versions = _versions_for(context)
    links = []
    for code, _name in settings.LANGUAGES:
        version = versions.get(code)
        if version is None or (version["alias"] and code != settings.LANGUAGE_CODE):
            continue
        links.append({"hreflang": code, "url": version["full_url"]})
    default = versions.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append({"hreflang": "x-default", "url": default["full_url"]})
    return links


@register.simple_tag(takes_context=True)
def canonical_link(context):
    """The page's canonical URL; for a German fallback (alias) the German page's, with ``noindex``.

    Search engines then index each text once instead of 12 copies of the same German page.
    """
    page = context.get("page")
    if not isinstance(page, Page):
        return None
    versions = _versions_for(context)
    if page.alias_of_id and translation.get_language() != settings.LANGUAGE_CODE:
        german = versions.get(settings.LANGUAGE_CODE)
        return {"url": german["full_url"] if german else "", "noindex": True}
    own = versions.get(translation.get_language())
    return {"url": own["full_url"] if own else page.get_full_url(context.get("request")), "noindex": False}


@register.simple_tag
def page_is_untranslated(page):
    return is_untranslated(page)


@register.simple_tag(takes_context=True)
def outdated_original(context, page):
    """The German original of ``page`` when it changed after the translation was made: its date and URL.

    Kept in the frame cache under the page's own scopes (three lookups less on every translated page): a
    publish of the translation or of the German original makes the page's address stale in every language.
    """
    request = context.get("request")
    if not isinstance(page, Page) or page.alias_of_id or language_code_of(page) == settings.LANGUAGE_CODE:
        return None  # German pages and placeholders: no notice, and no lookup
    if request is None:
        return _original_notice(page)
    return cached("page", ["outdated", request.get_host(), request.path_info], lambda: _original_notice(page))


def _original_notice(page):
    original = source_updated_since_translation(page)
    # False, not None, for "no notice": the frame cache reads None as "not stored".
    return {"last_published_at": original.last_published_at, "url": original.url} if original else False


@register.simple_tag(takes_context=True)
def unchecked_translation(context, page):
    """On a translation no native speaker has checked: the German original's URL (for the visitor's notice).

    The subject is the page, or on a directory entry's detail (context ``entry``, orgdirectory) the entry
    shown. Nothing on German pages and untranslated aliases or entries (they have their own notice). The
    URL comes from the language versions the frame already loads; the check itself is one query on
    translations only (none with the frame cache, ``translations.provenance.needs_check``).
    """
    if not isinstance(page, Page):
        return None
    entry = context.get("entry")
    subject = getattr(entry, "shown", None)
    if subject is not None:  # the directory page may be untranslated while the entry is not
        if getattr(entry, "lang", "") or subject.locale.language_code == settings.LANGUAGE_CODE:
            return None
    elif page.alias_of_id or language_code_of(page) == settings.LANGUAGE_CODE:
        return None
    else:
        subject = page
    if not needs_check(subject):
        return None
    versions = _versions_for(context)
    german, own = versions.get(settings.LANGUAGE_CODE), versions.get(language_code_of(page))
    if not german or not german["url"]:
        return {"original_url": ""}
    url = german["url"]
    request = context.get("request")
    if subject is not page and request is not None and own and own["url"] and request.path.startswith(own["url"]):
        url += request.path[len(own["url"]):]  # the same entry below the German directory page
    return {"original_url": url}


@register.simple_tag
def content_lang(page):
    """``lang``/``dir`` attributes for elements showing a page's own content.

    On an untranslated page that content is German while the interface around it is
    in the visitor's language, so only the content elements are marked.
    """
    if is_untranslated(page):
        return mark_safe(f' lang="{settings.LANGUAGE_CODE}" dir="ltr"')
    return ""


def _for_active_locale(model):
    """The snippet in the visitor's language, else the German one (marked as such)."""
    current = translation.get_language()
    items = {
        item.locale.language_code: item
        for item in model.objects.filter(
            locale__language_code__in={current, settings.LANGUAGE_CODE}
        ).select_related("locale")
    }
    return items.get(current) or items.get(settings.LANGUAGE_CODE)


def _menu_entries(request):
    """The menu's links in the visitor's language: each page's live translation, else the page itself."""
    menu = _for_active_locale(MainMenu)
    if menu is None:
        return []
    targets = [block.value["page"] for block in menu.links if block.value["page"] is not None]
    if not targets:
        return []
    # One query for every locale serves both the active one (Locale.get_active() would ask again) and the
    # language of each target.
    language_codes = dict(Locale.objects.values_list("id", "language_code"))
    ids = {code: pk for pk, code in language_codes.items()}
    locale_id = ids.get(translation.get_language()) or ids.get(settings.LANGUAGE_CODE)
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            locale_id=locale_id, translation_key__in=[target.translation_key for target in targets if target.locale_id != locale_id]
        )
    }
    entries = []
    for block in menu.links:
        target = block.value["page"]
        if target is None:
            continue
        if target.locale_id != locale_id:
            target = translations.get(target.translation_key, target)
        if not target.live:
            continue
        url = target.get_url(request)
        if not url:
            continue
        untranslated = target.alias_of_id and language_codes.get(target.locale_id) != settings.LANGUAGE_CODE
        entries.append(
            {
                "url": url,
                "label": block.value["label"] or target.title,
                "lang": settings.LANGUAGE_CODE if untranslated else "",
            }
        )
    return entries


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    host = request.get_host() if request else ""
    entries = cached("menu", [host, translation.get_language()], lambda: _menu_entries(request))
    current_path = request.path if request else ""
    return {"entries": [{**entry, "current": current_path.startswith(entry["url"])} for entry in entries]}


def _top_level_pages(request):
    """The pages right below the home page in the active language that the frame and the home page's tiles link
    to (legal pages, working groups, directory, calendar): one query per request, shared by the footer and
    ``service_tiles``.

    No view-restriction lookup (``public()`` costs a query on every page): these pages are public by law or
    by their purpose.
    """
    from events.models import CalendarPage
    from home.models import LegalPage, WorkingGroupPage
    from orgdirectory.models import DirectoryPage

    language = translation.get_language()
    memo = getattr(request, "_top_level_pages", None)
    if memo is not None and memo[0] == language:
        return memo[1]
    pages = list(
        Page.objects.live()
        .type(LegalPage, WorkingGroupPage, DirectoryPage, CalendarPage)
        .filter(locale__language_code=language, depth=3)
        .select_related("content_type")
        .order_by("path")
    )
    if request is not None:
        request._top_level_pages = (language, pages)
    return pages


def _footer_links(request=None):
    """The legal pages and each working group's contact page in the visitor's language.

    Untranslated pages are the German pages' aliases at this language's URLs (marked German).
    The legal pages come in the order setup_site created them (Impressum, privacy, accessibility).
    """
    from home.models import LegalPage, WorkingGroupPage

    legal, contacts = [], []
    for page in _top_level_pages(request):
        model = page.content_type.model_class()
        entry = {"title": page.title, "lang": settings.LANGUAGE_CODE if page.alias_of_id else ""}
        if model is LegalPage:
            legal.append({**entry, "url": page.url})
        elif model is WorkingGroupPage:
            contacts.append({**entry, "url": f"{page.url}kontakt/"})
    return legal, contacts


def _footer(request=None):
    footer = _for_active_locale(Footer)
    legal, contacts = _footer_links(request)
    if footer is None:
        return {"html": "", "lang": "", "legal": legal, "contacts": contacts}
    language = footer.locale.language_code
    return {
        "html": RichText(footer.text).__html__(),
        "lang": language if language != translation.get_language() else "",
        "legal": legal,
        "contacts": contacts,
    }


@register.inclusion_tag("home/tags/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    footer = cached("footer", [translation.get_language()], lambda: _footer(request))
    footer = {**footer, "html": mark_safe(footer["html"])}  # the editors' rich text, rendered by Wagtail
    return {"footer": footer}


@register.filter
def babel_date(value, length="long"):
    """A date in the visitor's language and conventions (CLDR through babel; Django lacks ps, ti, so, ku)."""
    if not value:
        return ""
    if hasattr(value, "date"):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, format=length, locale=translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE))


@functools.cache
def _icon_markup(name):
    path = finders.find(f"icons/{name}.svg")
    if not path:
        raise template.TemplateSyntaxError(f"no icon {name!r} in static/icons/")
    svg = Path(path).read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg class="icon icon--{size}" aria-hidden="true" focusable="false" width="{px}" height="{px}" ', 1)


@register.simple_tag
def icon(name, size="small"):
    """One of the site's own SVG icons (static/icons/, CC0), inlined: no request, nothing for the CSP to forbid.

    Decorative only (``aria-hidden``): the link or button next to it carries the words.
    """
    px = {"small": 20, "large": 36}[size]
    return mark_safe(_icon_markup(name).replace("{size}", size).replace("{px}", str(px)))


@register.simple_tag(takes_context=True)
def service_tiles(context):
    """The home page's entry points for the main needs: directory and calendar filters in this language.

    A tile whose page does not exist (yet) is left out; the category slugs are setup_site's
    (operations/content.py), the same in every language.
    """
    from events.models import CalendarPage
    from events.month import VIEW_PARAM
    from events.week import WEEK_VIEW
    from orgdirectory.models import DirectoryPage

    request = context.get("request")
    directory = calendar = None
    # The directory and calendar right below the home page, from the query the footer shares (no query of its own).
    for found in _top_level_pages(request):
        model = found.content_type.model_class()
        if model is DirectoryPage and directory is None:
            directory = found.get_url(request)
        elif model is CalendarPage and calendar is None:
            calendar = found.get_url(request)
    tiles = []
    if directory:
        tiles += [
            {"icon": "work", "label": _("Arbeit und Ausbildung"), "url": f"{directory}?kategorie=arbeit-und-ausbildung"},
            {"icon": "learn", "label": _("Deutsch lernen"), "url": f"{directory}?kategorie=sprachkurs"},
            {"icon": "papers", "label": _("Aufenthalt und Papiere"), "url": f"{directory}?kategorie=behoerde"},
            {"icon": "counselling", "label": _("Beratung"), "url": f"{directory}?kategorie=beratung"},
            {"icon": "housing", "label": _("Wohnen"), "url": f"{directory}?kategorie=wohnen"},
        ]
    if calendar:
        # The calendar's week view without a date is the current week (Monday to Sunday), however long this page is cached.
        tiles.append({"icon": "events", "label": _("Veranstaltungen diese Woche"), "url": f"{calendar}?{VIEW_PARAM}={WEEK_VIEW}"})
    if context.get("working_groups"):
        tiles.append({"icon": "groups", "label": _("Die Arbeitskreise"), "url": "#groups-heading"})
    return tiles


@register.simple_tag(takes_context=True)
def print_origin_style(context):
    """``<style>`` with the site's origin, printed before site-relative link addresses (security/print_origin.py)."""
    return mark_safe(origin_style(context.get("request")))


# --- Soft hyphens in long words -------------------------------------------------------------------------
@register.filter(is_safe=True)
def hyphenate(value, language=""):
    """``value`` escaped, with soft hyphens in its long words: the events plugin's rule (``events.hyphenation``)."""
    return hyphenate_text(value, language)


@register.simple_tag
def offline_enabled():
    """Whether pages link the manifest and register the service worker (OFFLINE_ENABLED, README "Offline lesen")."""
    from home.offline import enabled

    return enabled()
