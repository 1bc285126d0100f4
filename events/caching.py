"""Calendar lookups that change only when editors publish, kept between requests if the site allows it.

The site names a function in the ``EVENTS_CACHE`` setting, called as
``function(name, parts, compute)``; it returns ``compute()``'s value or a stored
copy that the site invalidates when content changes. Without the setting
everything is computed on each request.
"""

from .conf import hook


def cached(name, parts, compute):
    function = hook("EVENTS_CACHE")
    if function is None:
        return compute()
    return function(name, parts, compute)
