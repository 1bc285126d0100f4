"""Lookups of this app that change only when editors publish, kept between requests if the site allows it.

The site names a function in the ``ORGDIRECTORY_CACHE`` setting, called as
``function(name, parts, compute)``; it returns ``compute()``'s value or a stored
copy that the site invalidates when content changes. Without the setting
everything is computed on each request, which is always correct.
"""

from .conf import cache_function


def cached(name, parts, compute):
    function = cache_function()
    if function is None:
        return compute()
    return function(name, parts, compute)
