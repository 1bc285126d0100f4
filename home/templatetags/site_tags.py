"""Template tags for the page frame: language switcher, hreflang links, menu and footer."""

from babel.dates import format_date
from django import template
from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page, Site

from home.models import Footer, MainMenu
from home.translation_status import is_untranslated, source_updated_since_translation, translations_of

register = template.Library()


def _versions_for(context):
    """Versions of the current page (or of the site root) in every language, cached per request."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    cache = getattr(request, "_page_versions", None) if request else None
    if cache is not None and cache[0] == getattr(page, "pk", None):
        return cache[1]
    anchor = page
    if anchor is None and request is not None:
        site = Site.find_for_request(request)
        anchor = site.root_page if site else None
    versions = translations_of(anchor) if anchor is not None else {}
    if request is not None:
        request._page_versions = (getattr(page, "pk", None), versions)
    return versions


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: native name, direction and the URL of this page in it."""
    request = context.get("request")
    versions = _versions_for(context)
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        version = versions.get(code)
        url = version.get_url(request) if version is not None else f"/{code}/"
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "url": url,
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``hreflang`` links for every real translation of the page, plus ``x-default`` (German)."""
    request = context.get("request")
    versions = _versions_for(context)
    links = []
    for code, _name in settings.LANGUAGES:
        version = versions.get(code)
        if version is None or (version.alias_of_id and code != settings.LANGUAGE_CODE):
            continue
        links.append({"hreflang": code, "url": version.get_full_url(request)})
    default = versions.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append({"hreflang": "x-default", "url": default.get_full_url(request)})
    return links


@register.simple_tag
def page_is_untranslated(page):
    return is_untranslated(page)


@register.simple_tag
def outdated_original(page):
    """The German original of ``page`` when it changed after the translation was made."""
    return source_updated_since_translation(page)


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


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    menu = _for_active_locale(MainMenu)
    current_path = request.path if request else ""
    entries = []
    if menu is not None:
        locale = Locale.get_active()
        for block in menu.links:
            target = block.value["page"]
            if target is None:
                continue
            target = target.localized if target.locale_id != locale.id else target
            if not target.live:
                continue
            url = target.get_url(request)
            if not url:
                continue
            entries.append(
                {
                    "url": url,
                    "label": block.value["label"] or target.title,
                    "current": current_path.startswith(url),
                    "lang": target.locale.language_code if is_untranslated(target) else "",
                }
            )
    return {"entries": entries}


@register.inclusion_tag("home/tags/footer.html")
def site_footer():
    footer = _for_active_locale(Footer)
    lang = ""
    if footer is not None and footer.locale.language_code != translation.get_language():
        lang = footer.locale.language_code
    return {"footer": footer, "lang": lang}


@register.filter
def babel_date(value, length="long"):
    """A date in the visitor's language and conventions (CLDR through babel; Django lacks ps, ti, so, ku)."""
    if not value:
        return ""
    if hasattr(value, "date"):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, format=length, locale=translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE))
