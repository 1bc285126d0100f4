"""Per language: which pages and entries are translated, missing or behind their German original.

One pass over the database per content type, so the dashboard costs a fixed
number of queries whatever the size of the site.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
STATUS_LABELS = {TRANSLATED: _("übersetzt"), OUTDATED: _("veraltet"), MISSING: _("fehlt")}


def translation_is_behind(original_changed_at, translation_published_at, source_synced_at):
    """The rule behind the visitor's "may be out of date" notice and the dashboard's "veraltet"."""
    if source_synced_at is None or original_changed_at is None:
        return False
    if translation_published_at is None or translation_published_at < source_synced_at:
        return True
    return original_changed_at > source_synced_at


@dataclass
class Item:
    original: object
    target: object = None
    status: str = MISSING
    checked: bool = False  # a native speaker has checked the current text (translations.provenance)

    @property
    def title(self):
        return str(getattr(self.original, "title", None) or self.original)

    def work_url(self):
        """Where a translator continues: the translation editor, or the form that starts a translation."""
        if self.target is not None and self.status != MISSING:
            if isinstance(self.target, Page):
                return reverse("wagtailadmin_pages:edit", args=[self.target.pk])
            meta = self.target._meta
            return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[self.target.pk])
        if isinstance(self.original, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[self.original.pk])
        meta = self.original._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, self.original.pk]
        )

    def check_url(self):
        from translations.checking import check_url

        return check_url(self.target)


@dataclass
class Kind:
    label: str
    items_by_language: dict = field(default_factory=dict)

    def counts(self, code):
        """Items per status, and how many of the existing translations are checked (number and percent)."""
        counts = {TRANSLATED: 0, OUTDATED: 0, MISSING: 0, "checked": 0}
        for item in self.items_by_language.get(code, []):
            counts[item.status] += 1
            if item.status != MISSING and item.checked:
                counts["checked"] += 1
        existing = counts[TRANSLATED] + counts[OUTDATED]
        counts["checked_percent"] = round(100 * counts["checked"] / existing) if existing else 0
        return counts


def _changed_at(instance):
    return getattr(instance, "last_published_at", None)


def _classify(originals, all_versions, sources, code, checked=frozenset()):
    items = []
    for original in originals:
        target = all_versions.get((original.translation_key, code))
        item = Item(original=original, target=target)
        if target is not None and not getattr(target, "alias_of_id", None):
            behind = translation_is_behind(
                _changed_at(original), _changed_at(target), sources.get(original.translation_key)
            )
            item.status = OUTDATED if behind else TRANSLATED
            item.checked = (original.translation_key, code) in checked
        items.append(item)
    return items


def _build(label, originals, versions_queryset):
    originals = list(originals)
    keys = {original.translation_key for original in originals}
    versions = {
        (version.translation_key, version.locale.language_code): version
        for version in versions_queryset.filter(translation_key__in=keys).select_related("locale")
    }
    sources = dict(
        TranslationSource.objects.filter(object_id__in=keys, locale__language_code=settings.LANGUAGE_CODE).values_list(
            "object_id", "last_updated_at"
        )
    )
    checked = _checked(originals, keys)
    kind = Kind(label=label)
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            kind.items_by_language[code] = _classify(originals, versions, sources, code, checked)
    return kind


def _checked(originals, keys):
    """(translation key, language) of every checked translation among ``originals``: one query."""
    from translations.models import TranslationOrigin
    from translations.provenance import content_type_of

    if not originals:
        return set()
    return set(
        TranslationOrigin.objects.filter(
            content_type=content_type_of(originals[0]), translation_key__in=keys, checked_at__isnull=False
        ).values_list("translation_key", "locale__language_code")
    )


def page_kinds(within=None):
    """Pages, split into events (if the calendar app is installed) and all other pages."""
    originals = Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
    if within is not None:
        originals = originals.descendant_of(within, inclusive=True)
    originals = originals.specific().order_by("path")
    versions = Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
    event_model = _model("events.EventPage")
    if event_model is None:
        return [_build(_("Seiten"), originals, versions)]
    pages = [page for page in originals if not isinstance(page, event_model)]
    events = [page for page in originals if isinstance(page, event_model)]
    return [_build(_("Seiten"), pages, versions), _build(_("Veranstaltungen"), events, versions)]


def snippet_kinds(within=None):
    """Snippets on the dashboard, from ``TRANSLATION_DASHBOARD_SNIPPETS``: ``[("app.Model", group_filter)]``.

    ``group_filter`` is the dotted path of ``function(queryset, group_page) -> queryset`` that narrows the
    German originals to one working group's (or ``None``: the snippet is not tied to groups and is listed
    whole). The label is the model's plural name.
    """
    kinds = []
    for model_path, group_filter in getattr(settings, "TRANSLATION_DASHBOARD_SNIPPETS", []):
        model = _model(model_path)
        if model is None:
            continue
        originals = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        if within is not None and group_filter:
            originals = import_string(group_filter)(originals, within)
        versions = model.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
        kinds.append(_build(model._meta.verbose_name_plural, originals.order_by("pk"), versions))
    return kinds


def _model(path):
    try:
        return apps.get_model(path)
    except (LookupError, ValueError):
        return None


def overview(within=None):
    return page_kinds(within) + snippet_kinds(within)
