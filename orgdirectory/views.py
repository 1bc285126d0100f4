"""The public views behind ``DirectoryPage``: the list with search and filters, one organisation, its vCard."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from . import opening_hours
from .conf import base_template
from .directory import filter_options, find_entries, find_entry, localized_entries, parse_query
from .presenters import organisation_context, status_changes_at, status_text
from .vcard import has_contact_data, organisation_vcard

PAGE_SIZE = 20


def frame_context(request, directory):
    """Context for the base template (``ORGDIRECTORY_BASE_TEMPLATE``): ``page``/``self`` as Wagtail gives any page.

    An untranslated directory page is an alias of the German one. Its labels and
    entries are nevertheless in the visitor's language, so the frame gets the
    German page (same switcher, same hreflang links) instead of the alias, which
    would mark the whole content as German; only the intro is marked ``lang="de"``.
    """
    frame_page = directory.alias_of.specific if directory.alias_of_id else directory
    return {
        "request": request,
        "page": frame_page,
        "self": frame_page,
        "directory": directory,
        "intro_lang": settings.LANGUAGE_CODE if directory.alias_of_id else "",
        "base_template": base_template(),
    }


def mark_time_dependent(response, changes_at, now):
    """"Open now" is true until the first opening or closing among the entries shown.

    Caches outside the site (browsers, a CDN) are told ``no-cache``: they cannot know when an
    editor changes an entry. The site's own page cache, which does know, may keep the page
    until the first change: the hook ``response.page_cache_seconds`` (README, "Hooks") is the number
    of seconds the page stays true, or ``None`` when it holds until the next edit.
    """
    patch_cache_control(response, no_cache=True)
    moments = [moment for moment in changes_at if moment is not None]
    seconds = int((min(moments) - now).total_seconds()) if moments else None
    if seconds is None or seconds > 0:
        response.page_cache_seconds = seconds


def directory_view(request, directory):
    locale = directory.locale
    query = parse_query(request.GET)
    paginator = Paginator(find_entries(query, locale), PAGE_SIZE)
    results = paginator.get_page(request.GET.get("seite"))
    entries = localized_entries(results.object_list, locale)
    options = filter_options(locale)
    now = opening_hours.now_local()
    changes_at = []
    for entry in entries:
        entry.category_name = options["categories"].get(entry.source.category.slug) if entry.source.category else ""
        entry.url = directory.organisation_url(entry.source.key)
        status = entry.source.opening_status(now)
        entry.status_text = status_text(status, now)
        changes_at.append(status_changes_at(status, now))
    params = query.as_params()
    context = frame_context(request, directory) | {
        "query": query,
        "params": params,
        "options": options,
        "results": results,
        "entries": entries,
        "count": paginator.count,
    }
    response = TemplateResponse(request, "orgdirectory/directory_page.html", context)
    if query.open_now:
        # Which entries match changes whenever any of them opens or closes, shown or not.
        patch_cache_control(response, no_cache=True)
    else:
        mark_time_dependent(response, changes_at, now)
    return response


def entry_or_404(key, locale):
    entry = find_entry(key, locale)
    if entry is None:
        raise Http404
    return entry


def organisation_view(request, directory, key):
    entry = entry_or_404(key, directory.locale)
    context = frame_context(request, directory) | organisation_context(entry, request, directory)
    response = TemplateResponse(request, "orgdirectory/organisation_detail.html", context)
    mark_time_dependent(response, [context["status_changes_at"]], opening_hours.now_local())
    return response


def vcard_view(request, directory, key):
    entry = entry_or_404(key, directory.locale)
    if not has_contact_data(entry.source):
        raise Http404
    response = HttpResponse(organisation_vcard(entry.shown, entry.source), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}.vcf"'
    return response
