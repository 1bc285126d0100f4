"""Lookups of this app that change only when editors publish, kept between requests if the site allows it.

The site names a function in the ``FRAGMENT_CACHE`` setting, called as
``function(name, parts, compute)``; it returns ``compute()``'s value or a stored
copy that the site invalidates when content changes. Without the setting (another
site using this app) everything is computed on each request.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def cached(name, parts, compute):
    path = getattr(settings, "FRAGMENT_CACHE", "")
    if not path:
        return compute()
    return import_string(path)(name, parts, compute)
