"""The plugin's settings and hooks, read in one place, each with the default a fresh project gets.

A host site adapts the directory only through these names (README, "Settings");
nothing in the plugin looks at the site's own settings or probes its objects.
"""

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

DEFAULTS = {
    # Template every public directory template extends; needs the blocks of orgdirectory/base.html.
    "ORGDIRECTORY_BASE_TEMPLATE": "orgdirectory/base.html",
    # Dotted path of ``function(name, parts, compute)``; empty: compute on every request.
    "ORGDIRECTORY_CACHE": "",
    # Dotted path of the Wagtail permission policy class of the organisation snippets.
    "ORGDIRECTORY_PERMISSION_POLICY": "orgdirectory.permissions.WorkingGroupPermissionPolicy",
    # Dotted path of ``function(organisation) -> list of pages`` whose editors may change the entry.
    "ORGDIRECTORY_OWNER_PAGES": "orgdirectory.permissions.member_group_pages",
    # "Vier-Augen-Prinzip": whoever submitted an entry for review may not approve it themselves.
    "ORGDIRECTORY_FOUR_EYES": True,
    # Page models an organisation can be a member of (``app_label.ModelName``); empty: any page.
    "ORGDIRECTORY_GROUP_PAGE_MODELS": [],
    # Page models a directory page may be created under; ``None``: anywhere.
    "ORGDIRECTORY_DIRECTORY_PARENT_PAGE_TYPES": None,
    # ISO 3166 code of the country the addresses are in (vCard, schema.org).
    "ORGDIRECTORY_COUNTRY": "DE",
    # Language codes of advice; empty: ``settings.LANGUAGES`` plus common languages of migration.
    "ORGDIRECTORY_ADVICE_LANGUAGES": [],
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def base_template():
    return setting("ORGDIRECTORY_BASE_TEMPLATE")


def cache_function():
    """The site's fragment cache, or ``None`` when the site has none."""
    path = setting("ORGDIRECTORY_CACHE")
    return import_string(path) if path else None


def permission_policy_class():
    return import_string(setting("ORGDIRECTORY_PERMISSION_POLICY"))


def owner_pages(organisation):
    """The pages whose editors own ``organisation`` (the hook named by ``ORGDIRECTORY_OWNER_PAGES``)."""
    return list(import_string(setting("ORGDIRECTORY_OWNER_PAGES"))(organisation))


def country_name():
    """The country of the addresses, named in the source language (``LANGUAGE_CODE``), e.g. "Deutschland"."""
    code = setting("ORGDIRECTORY_COUNTRY")
    try:
        return Locale.parse(settings.LANGUAGE_CODE.replace("-", "_")).territories.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code


def time_zone():
    """The project's time zone (``settings.TIME_ZONE``): opening hours are wall-clock times there."""
    return timezone.get_default_timezone()
