"""Which working group owns an event index: the ``EVENTS_WORKING_GROUPS`` hook.

The calendar filters and labels events by working group, but a working group is the
site's concept, not the plugin's. The hook is ``function(indexes) -> {index.pk: page}``
(pages, or ``None`` for an index without a group); it gets all indexes at once, so a
site can answer with one query. The default is each index's live parent page.
"""

from wagtail.models import Page

from .conf import hook

GROUP_PAGE_FIELDS = ("id", "title", "slug", "path", "depth", "url_path", "locale_id")


def parent_pages(indexes):
    """Default: the parent page of each index (one query), if it is live."""
    parent_path = {index.pk: index.path[: -Page.steplen] for index in indexes}
    parents = {
        page.path: page
        for page in Page.objects.filter(path__in=set(parent_path.values())).live().only(*GROUP_PAGE_FIELDS)
    }
    return {pk: parents.get(path) for pk, path in parent_path.items()}


def working_groups(indexes):
    """``{index.pk: group page or None}`` for ``indexes`` (event index pages), from the site's hook."""
    indexes = list(indexes)
    if not indexes:
        return {}
    return hook("EVENTS_WORKING_GROUPS")(indexes)


def working_group(index):
    return working_groups([index]).get(index.pk)
