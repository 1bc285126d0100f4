"""What an editor's change makes stale: invalidation by dependency (``caching.versions`` scopes).

Drafts, revisions, log entries, workflow and task states, locks, comments, image renditions,
search-index and reference-index writes change nothing a visitor sees and invalidate nothing.
A publish, unpublish, move or delete of a page (or a change to a published snippet, image,
document, directory entry or event) makes stale what shows it, found through Wagtail's page
tree and reference index:

- its own URL and everything below it, in every language (the page and its translations and
  aliases share the language links and the outdated-translation notice);
- every ancestor page in every language (section pages, news and event indexes, the home page
  list their children);
- every page that references it (reference index: links in rich text, chooser blocks, foreign
  keys), and for a snippet also the pages it references (an entry lists the groups it belongs to);
- the listings of the plugins' content: calendar and directory pages with their feeds, the APIs
  and the frame cache's filter choices and feeds (``LISTINGS``);
- the page frame (menu, footer: every page) only when it changes: menu or footer edited, or a
  page the menu links to changes its title, address or visibility;
- a term of the termbase (``terminology``): every public page of its language (any text may
  link its first occurrence to the glossary) with that language's glossary, and the frame cache's
  term lists; a German term everything (untranslated pages show German text, and every
  language's glossary shows the German term).

Marking a translation checked, or a new edit that resets the mark (``translations.TranslationOrigin``),
changes the visitor's "not checked by a native speaker" notice: the translated page's own address (for a
directory entry: what lists and shows it, ``object_scopes``) and the frame cache's ``frame:provenance`` part
go stale (``origin_scopes``).

``PAGE_CACHE_INVALIDATION=everything`` brings back the old behaviour (every write to a content
app makes everything stale), for comparison in ``bench/``.
"""

import logging

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from caching import versions

logger = logging.getLogger(__name__)

# Apps whose data public pages show; writes elsewhere (sessions, users, search index, axes, otp,
# wagtail_localize's translation work, which reaches visitors only by publishing) never invalidate.
CONTENT_APPS = {
    "wagtailcore",
    "home",
    "orgdirectory",
    "events",
    "wagtailredirects",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "terminology",
}
# PAGE_CACHE_INVALIDATION=everything: the apps whose every write emptied the cache before issue 20.
EVERYTHING_APPS = CONTENT_APPS | {"wagtail_localize"}
# Fields Wagtail writes on a page or snippet for drafts, locks and workflows: nothing visitors see.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
    "wagtail_admin_comments",
    "file_size",
    "file_hash",
}
# Addresses that list every page (the sitemap): stale whenever a page appears, moves or disappears.
SITE_LISTINGS = ["tree:/sitemap.xml"]
# The site search's kept results (``home.public.search``): stale whenever any page or entry changes.
SITE_SEARCH = "frame:site-search"
# Models whose instances appear in the page frame of every page.
FRAME_MODELS = {"home.mainmenu", "home.footer"}
# The termbase: pages link a term's first occurrence to the glossary (``terminology.linking``).
TERM_MODELS = {"terminology.term"}
# The frame cache's term lists (``terminology.glossary``).
TERMS_FRAME = "frame:terms"
# What lists a plugin's content: pages (with everything below them: months, feeds), URL prefixes
# of its API, and the frame cache's parts (``caching.frame``).
LISTINGS = {
    "events": {
        "pages": ["events.CalendarPage"],
        "prefixes": ["/api/events/"],
        "frames": ["calendar-filters", "feed"],
    },
    "orgdirectory": {
        "pages": ["orgdirectory.DirectoryPage"],
        "prefixes": ["/api/v2/organisations/"],
        "frames": ["directory-search", "directory-filter-options", "source-locale-id", "site-search"],
    },
}


def mode():
    """"dependencies", "everything", or "off" when neither the page nor the frame cache is on
    (nothing is kept, so nothing can go stale; saves the lookups when content is loaded in bulk)."""
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0) and not getattr(settings, "FRAME_CACHE_SECONDS", 0):
        return "off"
    return getattr(settings, "PAGE_CACHE_INVALIDATION", "dependencies")


def _ignored_models():
    from wagtail.images.models import AbstractRendition
    from wagtail.models import (
        BaseLogEntry,
        Comment,
        CommentReply,
        GroupCollectionPermission,
        GroupPagePermission,
        GroupSitePermission,
        PageSubscription,
        ReferenceIndex,
        Revision,
        Task,
        TaskState,
        UploadedFile,
        Workflow,
        WorkflowContentType,
        WorkflowPage,
        WorkflowState,
        WorkflowTask,
    )

    return (
        Revision,
        BaseLogEntry,
        WorkflowState,
        TaskState,
        Workflow,
        Task,
        WorkflowPage,
        WorkflowContentType,
        Comment,
        CommentReply,
        PageSubscription,
        ReferenceIndex,
        AbstractRendition,
        UploadedFile,
        WorkflowTask,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
    )


_IGNORED = None


def _is_content(sender):
    global _IGNORED
    if sender.__module__ == "__fake__":  # historical models in migrations: nobody visits yet
        return False
    if sender._meta.app_label not in CONTENT_APPS or sender._meta.label_lower == "taggit.taggeditem":
        return False
    if _IGNORED is None:
        _IGNORED = _ignored_models()
    return not issubclass(sender, _IGNORED)


def _draft_only(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS


def _is_page(instance):
    from wagtail.models import Page

    return isinstance(instance, Page)


def _has_draft_state(instance):
    from wagtail.models import DraftStateMixin

    return isinstance(instance, DraftStateMixin)


# --- public addresses --------------------------------------------------------------------------


def public_path(page):
    """The page's path on its site ("/de/ak-migration-loerrach/"), or ``None`` if it has none."""
    try:
        parts = page.get_url_parts()
    except Exception:  # a page outside every site
        return None
    if not parts or not parts[2]:
        return None
    return parts[2]


def _group(page):
    """The page, its translations and its aliases: they share language links and notices."""
    from wagtail.models import Page

    return list(Page.objects.filter(translation_key=page.translation_key) | Page.objects.filter(alias_of_id=page.pk))


def _menu_translation_keys():
    """Translation keys of the pages any menu links to (reference index)."""
    from django.apps import apps
    from wagtail.models import Page, ReferenceIndex

    menu = apps.get_model("home", "MainMenu")
    rows = ReferenceIndex.objects.filter(base_content_type_id=ReferenceIndex._get_base_content_type(menu))
    targets = rows.filter(to_content_type_id=ReferenceIndex._get_base_content_type(Page)).values_list("to_object_id", flat=True)
    return set(Page.objects.filter(pk__in=list(targets)).values_list("translation_key", flat=True))


def _listing_scopes(app_label):
    from django.apps import apps

    listing = LISTINGS.get(app_label)
    if not listing:
        return set()
    scopes = {f"frame:{name}" for name in listing["frames"]}
    scopes.update("tree:" + prefix for prefix in listing["prefixes"])
    for label in listing["pages"]:
        for page in apps.get_model(label).objects.all():
            path = public_path(page)
            if path:
                scopes.add("tree:" + path)
    return scopes


# --- what depends on what ----------------------------------------------------------------------


def page_scopes(page, before=None, gone=False):
    """Scopes made stale by ``page`` being published, unpublished, moved or deleted.

    ``before``: the page's public path, title and liveness before the change (``_snapshot``).
    """
    scopes = {SITE_SEARCH}
    group = _group(page)
    after = None if gone else _snapshot(page)
    structural = gone or before is None or after is None or before != after
    for member in group:
        path = public_path(member)
        if path:
            scopes.add("tree:" + path)
        if structural:
            scopes.add(f"frame:versions:{member.pk}")
        for ancestor in member.get_ancestors().filter(depth__gt=1):
            ancestor_path = public_path(ancestor)
            if ancestor_path:
                scopes.add("path:" + ancestor_path)
        scopes |= referencing_scopes(member, structural=structural)
    if before is not None and before[0]:
        scopes.add("tree:" + before[0])
        scopes |= {"path:" + path for path in _ancestor_paths(before[0])}
    if structural:
        scopes.update(SITE_LISTINGS)
    if structural and page.translation_key in _menu_translation_keys():
        scopes.add(versions.SITE)
    scopes |= _listing_scopes(page.specific_class._meta.app_label if page.specific_class else "")
    return scopes


def _ancestor_paths(path):
    """"/de/a/b/" -> "/de/a/", "/de/" (the parents' listings at the old address after a move)."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:end]) + "/" for end in range(1, len(parts))]


def _snapshot(page):
    return (public_path(page), page.title, bool(page.live and not page.expired))


def term_scopes(term):
    """A term shows on every page of its language (first-occurrence links) and in its glossary; a German
    term also on every untranslated page and in every glossary (the German original), so everywhere."""
    language = term.locale.language_code
    if language == settings.LANGUAGE_CODE:
        return {versions.SITE}
    return {f"tree:/{language}/", TERMS_FRAME}


def object_scopes(instance, depth=0):
    """Scopes made stale by a change to a snippet, image, document, entry or event detail."""
    label = instance._meta.label_lower
    if label in FRAME_MODELS:
        return {versions.SITE}
    if label in TERM_MODELS:
        return term_scopes(instance)
    scopes = referencing_scopes(instance, depth) | _listing_scopes(instance._meta.app_label)
    parent = _parental_owner(instance)
    if parent is not None and depth < 2:
        scopes |= object_scopes(parent, depth + 1) if not _is_page(parent) else set()
    if depth == 0 and _has_draft_state(instance) or instance._meta.app_label in LISTINGS:
        scopes |= _referenced_page_scopes(instance)
    return scopes


def _parental_owner(instance):
    """The object an inline child (opening hours of an entry) belongs to."""
    from modelcluster.fields import ParentalKey

    for field in instance._meta.fields:
        if isinstance(field, ParentalKey):
            return getattr(instance, field.name, None)
    return None


def referencing_scopes(instance, depth=0, structural=True):
    """Pages and objects that reference ``instance`` (Wagtail's reference index). The menu and footer
    (every page) only when ``structural``: a link shows the target's address and title, nothing else."""
    from wagtail.models import Page, ReferenceIndex

    scopes = set()
    page_type = ReferenceIndex._get_base_content_type(Page)
    rows = ReferenceIndex.get_references_to(instance).values_list("base_content_type_id", "content_type_id", "object_id")
    page_ids = set()
    others = set()
    for base_type, content_type, object_id in rows.distinct():
        if base_type == page_type:
            page_ids.add(object_id)
        else:
            others.add((content_type, object_id))
    for page in Page.objects.filter(pk__in=page_ids).live():
        for member in _group(page):
            path = public_path(member)
            if path:
                scopes.add("path:" + path)
    if others and depth < 2:
        from django.contrib.contenttypes.models import ContentType

        for content_type, object_id in others:
            model = ContentType.objects.get_for_id(content_type).model_class()
            if model is None or not _is_content(model):
                continue
            if model._meta.label_lower in FRAME_MODELS:
                if structural:
                    scopes.add(versions.SITE)
                continue
            source = model._default_manager.filter(pk=object_id).first()
            if source is not None:
                scopes |= object_scopes(source, depth + 1)
    return scopes


def _referenced_page_scopes(instance):
    """Pages an entry references list it (a directory entry on its working groups' pages)."""
    from wagtail.models import Page, ReferenceIndex

    rows = ReferenceIndex.get_references_for_object(instance).filter(
        to_content_type_id=ReferenceIndex._get_base_content_type(Page)
    )
    scopes = set()
    for page in Page.objects.filter(pk__in=list(rows.values_list("to_object_id", flat=True))):
        for member in _group(page):
            path = public_path(member)
            if path:
                scopes.add("path:" + path)
    return scopes


def origin_scopes(origin):
    """Scopes made stale by a change to where a translation comes from (the visitor's notice)."""
    scopes = {"frame:provenance"}
    model = origin.content_type.model_class()
    if model is None:
        return scopes
    instance = model._default_manager.filter(translation_key=origin.translation_key, locale_id=origin.locale_id).first()
    if instance is None:
        return scopes
    if _is_page(instance):
        path = public_path(instance)
        if path:
            scopes.add("path:" + path)
    else:
        scopes |= object_scopes(instance)
    return scopes


def _origin_changed(sender, instance, raw=False, **kwargs):
    if raw or mode() == "off":
        return
    if mode() == "everything":
        _bump([versions.SITE])
        return
    _bump_or_everything(lambda: origin_scopes(instance))


# --- signal handlers ---------------------------------------------------------------------------


def _bump(scopes):
    versions.bump(scopes)


def _before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or mode() != "dependencies" or not _is_content(sender) or _draft_only(update_fields):
        return
    if instance.pk is None or not (_is_page(instance) or _has_draft_state(instance)):
        return
    old = type(instance)._default_manager.filter(pk=instance.pk).first()
    if old is None:
        return
    if _is_page(instance):
        instance._page_cache_before = _snapshot(old) if old.live else None
        instance._page_cache_was_live = bool(old.live)
    else:
        instance._page_cache_was_live = bool(old.live)


def _everything(sender):
    """The behaviour before: any write to an app with public data (drafts and revisions included)."""
    if mode() == "everything" and sender.__module__ != "__fake__" and sender._meta.app_label in EVERYTHING_APPS:
        _bump([versions.SITE])
        return True
    return mode() == "everything"


def _after_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or mode() == "off" or _everything(sender):
        return
    if not _is_content(sender) or _draft_only(update_fields):
        return
    if _has_draft_state(instance) and not (instance.live or getattr(instance, "_page_cache_was_live", False)):
        return  # a draft of something visitors have never seen
    if _is_page(instance):
        _bump_or_everything(lambda: page_scopes(instance, getattr(instance, "_page_cache_before", None)))
    elif _has_draft_state(instance):
        _bump_or_everything(lambda: object_scopes(instance))
    else:
        _bump_or_everything(lambda: _listed_scopes(sender, instance))


def _bump_or_everything(scopes_of):
    """Make ``scopes_of()`` stale; everything when what depends on the change cannot be found (the safe side)."""
    try:
        _bump(scopes_of())
    except Exception:
        logger.warning("page cache: dependencies unknown, everything made stale", exc_info=True)
        _bump([versions.SITE])


def _listed_scopes(sender, instance):
    """What shows an object that is not a page: its listings, or everything for a model they do not know."""
    return object_scopes(instance) if _known(sender) else [versions.SITE]


def _known(sender):
    """Models whose dependents the reference index and listings find; others make everything stale."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    return (
        sender._meta.label_lower in FRAME_MODELS
        or sender._meta.label_lower in TERM_MODELS
        or sender._meta.app_label in LISTINGS
        or issubclass(sender, (AbstractImage, AbstractDocument))
    )


def _before_delete(sender, instance, **kwargs):
    if mode() == "off" or _everything(sender) or not _is_content(sender):
        return
    if _has_draft_state(instance) and not instance.live:
        return
    if _is_page(instance):
        _bump_or_everything(lambda: page_scopes(instance, gone=True))
    else:
        _bump_or_everything(lambda: _listed_scopes(sender, instance))


def _after_delete(sender, instance, **kwargs):
    _everything(sender)


def _before_move(sender, instance, **kwargs):
    if mode() == "dependencies" and instance.live:
        instance._page_cache_before_move = _snapshot(instance)
        _bump(page_scopes(instance, gone=True))


def _after_move(sender, instance, **kwargs):
    if mode() == "off":
        return
    if mode() != "dependencies":
        _bump([versions.SITE])
        return
    from wagtail.models import Page

    page = Page.objects.get(pk=instance.pk)
    if page.live:
        _bump(page_scopes(page, getattr(instance, "_page_cache_before_move", None)))


def _unpublished(sender, instance, **kwargs):
    if mode() == "off":
        return
    if mode() != "dependencies":
        _bump([versions.SITE])
    elif _is_page(instance):
        _bump(page_scopes(instance, gone=True))
    else:
        _bump(object_scopes(instance))


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _after_save(type(instance), instance)


def connect():
    from wagtail import signals

    pre_save.connect(_before_save, dispatch_uid="page_cache_before_save")
    post_save.connect(_after_save, dispatch_uid="page_cache_after_save")
    pre_delete.connect(_before_delete, dispatch_uid="page_cache_before_delete")
    post_delete.connect(_after_delete, dispatch_uid="page_cache_after_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page_cache_m2m")
    signals.pre_page_move.connect(_before_move, dispatch_uid="page_cache_before_move")
    signals.post_page_move.connect(_after_move, dispatch_uid="page_cache_after_move")
    signals.page_unpublished.connect(_unpublished, dispatch_uid="page_cache_page_unpublished")
    signals.unpublished.connect(_unpublished, dispatch_uid="page_cache_unpublished")
    post_save.connect(_origin_changed, sender="translations.TranslationOrigin", dispatch_uid="page_cache_origin_saved")
    post_delete.connect(_origin_changed, sender="translations.TranslationOrigin", dispatch_uid="page_cache_origin_deleted")
