"""Creating hundreds of pages and translations at once: index them once at the end, not on every save.

Each save of a page, revision, translation or directory entry makes Wagtail update its search
index and its reference index for that object; while the demo is built that is several thousand
small updates, about a third of the loading time. They are switched off while loading and both
indexes are rebuilt once afterwards, which gives the same index in a fraction of the time.
"""

import json
from contextlib import contextmanager
from importlib import import_module
from io import StringIO

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import router
from django.db.models import ForeignKey, ManyToOneRel, Model
from django.db.models.signals import post_delete, post_save
from django.test.utils import override_settings
from wagtail.contrib.frontend_cache.signal_handlers import page_published_signal_handler
from wagtail.models import Page, Site
from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    TranslationSource,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.strings import StringValue

from .progress import QUIET


@contextmanager
def without_frontend_cache_purges():
    """No CDN purges for pages that are new: with no frontend cache configured a purge only
    works out every page's URL (once per published page and translation) to send it nowhere."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        yield
        return
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        page_published.disconnect(page_published_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in page_models:
            page_published.connect(page_published_signal_handler, sender=model)


@contextmanager
def foreign_keys_checked_once():
    """Each referenced row is looked up once while loading, not on every save that points to it.

    ``full_clean`` (every page save, revision publish and log entry) asks the database whether
    each foreign key's target exists: about 13,000 ``EXISTS`` queries for the demo, nearly all for
    the same locales, content types, users and parent pages. Rows the load found are remembered
    (nothing is deleted while loading); an unknown or absent target is still looked up and still
    fails validation, and fields with ``limit_choices_to`` are checked as usual.
    """
    original = ForeignKey.validate
    found = set()

    def validate(field, value, model_instance):
        if field.remote_field.parent_link or value is None or field.get_limit_choices_to():
            return original(field, value, model_instance)
        target = field.remote_field.model
        key = (
            router.db_for_read(target, instance=model_instance),
            target._meta.label,
            field.remote_field.field_name,
            value,
        )
        if key in found:
            return super(ForeignKey, field).validate(value, model_instance)
        original(field, value, model_instance)
        found.add(key)

    ForeignKey.validate = validate
    try:
        yield
    finally:
        ForeignKey.validate = original


# Modules that call modelcluster's ``model_from_serializable_data`` through a name of their own.
SERIALIZED_DATA_READERS = ["modelcluster.models", "wagtail.models.revisions", "wagtail_localize.models"]


@contextmanager
def serialized_foreign_keys_checked_once():
    """Reading a revision or a translation source looks up each foreign key's target once per load, not per read.

    modelcluster's ``model_from_serializable_data`` (every ``Revision.as_object`` and
    ``TranslationSource.as_instance``: publishing, translating, converting aliases) fetches the
    whole row each foreign key of the stored JSON points to, only to see that it exists: about
    8,500 ``SELECT``s of full page, revision, locale and user rows, the largest single kind of
    query in the load. Here each target is checked once with ``EXISTS`` and remembered (nothing is
    deleted while loading); if any target is missing, the original runs with its own checks, so a
    dangling key is still nulled or dropped exactly as modelcluster does it.
    """
    modules = [import_module(name) for name in SERIALIZED_DATA_READERS]
    original = modules[0].model_from_serializable_data
    found = set()

    def targets_exist(model, data):
        for name, value in data.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if value is None or not isinstance(getattr(field, "remote_field", None), ManyToOneRel):
                continue
            target = field.remote_field.model
            to_field = field.remote_field.field_name
            clean = target._meta.get_field(to_field).to_python(value)
            key = (target._meta.label, to_field, clean)
            if key not in found:
                if not target._default_manager.filter(**{to_field: clean}).exists():
                    return False
                found.add(key)
        return True

    def model_from_serializable_data(model, data, check_fks=True, strict_fks=False):
        if check_fks and targets_exist(model, data):
            check_fks = False
        return original(model, data, check_fks=check_fks, strict_fks=strict_fks)

    for module in modules:
        module.model_from_serializable_data = model_from_serializable_data
    try:
        yield
    finally:
        for module in modules:
            module.model_from_serializable_data = original


@contextmanager
def uniqueness_left_to_the_database():
    """``full_clean`` skips its ``SELECT`` per unique field while loading; the database refuses duplicates anyway.

    Every unique field and ``unique_together`` has a unique index, and the whole load is one transaction,
    so a duplicate still stops the load (``IntegrityError``) and nothing is saved. ``unique_for_date``
    and friends, which no index enforces, are still checked.
    """
    original = Model.validate_unique

    def validate_unique(instance, exclude=None):
        if any(
            field.unique_for_date or field.unique_for_month or field.unique_for_year
            for field in instance._meta.concrete_fields
        ):
            original(instance, exclude)

    Model.validate_unique = validate_unique
    try:
        yield
    finally:
        Model.validate_unique = original


@contextmanager
def site_roots_read_once():
    """``Page.is_site_root`` (asked on every page save: about 2,000 ``EXISTS`` queries) answered from one
    read of the sites' root pages, read again whenever a site is saved or deleted."""
    original = Page.is_site_root
    roots = []

    def forget(**_kwargs):
        roots.clear()

    def is_site_root(page):
        if hasattr(page, "_is_site_root"):
            return page._is_site_root
        if not roots:
            roots.append(set(Site.objects.values_list("root_page__translation_key", flat=True)))
        return page.translation_key in roots[0]

    post_save.connect(forget, sender=Site, weak=False, dispatch_uid="demo_site_roots_saved")
    post_delete.connect(forget, sender=Site, weak=False, dispatch_uid="demo_site_roots_deleted")
    Page.is_site_root = is_site_root
    try:
        yield
    finally:
        Page.is_site_root = original
        post_save.disconnect(sender=Site, dispatch_uid="demo_site_roots_saved")
        post_delete.disconnect(sender=Site, dispatch_uid="demo_site_roots_deleted")


SEGMENT_MODELS = [StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment]


@contextmanager
def translation_sources_read_once():
    """Saving one source in twelve languages reads the source's object and segments once, not twelve times.

    wagtail-localize's ``create_or_update_translation`` fetches the source object again and runs four
    segment queries (one with a subquery per string) for every target language. Here the German
    object and the source's segments are kept per source, and each language's string translations
    are read in one query; the segment values handed to ``ingest_segments`` are the same, in the same
    order (string, template, related-object, overridable segments; overrides read once per language). Kept values are dropped when a
    segment, string translation or source object is saved or deleted. Meant for the loop that saves
    the targets of sources already brought up to date.
    """
    original_instance = TranslationSource.get_source_instance
    original_segments = TranslationSource._get_segments_for_translation
    instances, segments, translations, overrides = {}, {}, {}, {}

    def get_source_instance(source):
        key = (source.specific_content_type_id, source.object_id, source.locale_id)
        if key not in instances:
            instances[key] = original_instance(source)
        return instances[key]

    def source_segments(source):
        if source.pk not in segments:
            segments[source.pk] = (
                list(StringSegment.objects.filter(source=source).select_related("context", "string")),
                list(TemplateSegment.objects.filter(source=source).select_related("template", "context")),
                list(RelatedObjectSegment.objects.filter(source=source).select_related("object", "context")),
                list(OverridableSegment.objects.filter(source=source).select_related("context")),
            )
        return segments[source.pk]

    def translated_strings(locale_id):
        if locale_id not in translations:
            translations[locale_id] = {
                (string_id, context_id): data
                for string_id, context_id, data in StringTranslation.objects.filter(locale_id=locale_id)
                .exclude(has_error=True)
                .values_list("translation_of_id", "context_id", "data")
            }
        return translations[locale_id]

    def locale_overrides(locale_id):
        if locale_id not in overrides:
            found = {}
            for context_id, data_json in (
                SegmentOverride.objects.filter(locale_id=locale_id)
                .exclude(has_error=True)
                .values_list("context_id", "data_json")
            ):
                found.setdefault(context_id, []).append(data_json)
            overrides[locale_id] = found
        return overrides[locale_id]

    def get_segments_for_translation(source, locale, fallback=False):
        string_segments, template_segments, related_segments, overridable_segments = source_segments(source)
        locale_id = getattr(locale, "pk", locale)
        overridden = locale_overrides(locale_id) if overridable_segments else {}
        if any(len(found) > 1 for found in overridden.values()):
            # Which of several overrides counts: as wagtail-localize reads it.
            return original_segments(source, locale, fallback=fallback)
        strings = translated_strings(locale_id)
        values = []
        for segment in string_segments:
            translation = strings.get((segment.string_id, segment.context_id))
            if translation:
                string = StringValue(translation)
            elif fallback:
                string = StringValue(segment.string.data)
            else:
                return original_segments(source, locale, fallback=fallback)  # raises MissingTranslationError
            values.append(
                StringSegmentValue(segment.context.path, string, attrs=json.loads(segment.attrs)).with_order(
                    segment.order
                )
            )
        for segment in template_segments:
            template = segment.template
            values.append(
                TemplateSegmentValue(
                    segment.context.path,
                    template.template_format,
                    template.template,
                    template.string_count,
                    order=segment.order,
                )
            )
        for segment in related_segments:
            if segment.object.has_translation(locale):
                values.append(
                    RelatedObjectSegmentValue(
                        segment.context.path,
                        segment.object.content_type,
                        segment.object.translation_key,
                        order=segment.order,
                    )
                )
            elif not fallback:
                return original_segments(source, locale, fallback=fallback)  # raises MissingRelatedObjectError
        for segment in overridable_segments:
            if segment.context_id in overridden:
                values.append(
                    OverridableSegmentValue(
                        segment.context.path, json.loads(overridden[segment.context_id][0]), order=segment.order
                    )
                )
        return values

    def forget_segments(sender, instance, **_kwargs):
        segments.pop(instance.source_id, None)

    def forget_translations(sender, instance, **_kwargs):
        translations.pop(instance.locale_id, None)
        overrides.pop(instance.locale_id, None)

    def forget_instance(sender, instance, **_kwargs):
        if getattr(instance, "translation_key", None) is not None:
            gone = (instance.translation_key, getattr(instance, "locale_id", None))
            for key in [key for key in instances if key[1:] == gone]:
                del instances[key]

    receivers = [
        (forget_translations, StringTranslation),
        (forget_translations, SegmentOverride),
        (forget_instance, None),
    ]
    receivers += [(forget_segments, model) for model in SEGMENT_MODELS]
    for receiver, sender in receivers:
        post_save.connect(receiver, sender=sender, weak=False)
        post_delete.connect(receiver, sender=sender, weak=False)
    TranslationSource.get_source_instance = get_source_instance
    TranslationSource._get_segments_for_translation = get_segments_for_translation
    try:
        yield
    finally:
        TranslationSource.get_source_instance = original_instance
        TranslationSource._get_segments_for_translation = original_segments
        for receiver, sender in receivers:
            post_save.disconnect(receiver, sender=sender)
            post_delete.disconnect(receiver, sender=sender)


@contextmanager
def indexed_once_at_the_end(progress=QUIET):
    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        # DEBUG=False: no query log (on SQLite each logged query costs a second query to quote its parameters).
        with (
            disable_reference_index_auto_update(),
            without_frontend_cache_purges(),
            foreign_keys_checked_once(),
            serialized_foreign_keys_checked_once(),
            uniqueness_left_to_the_database(),
            site_roots_read_once(),
            override_settings(DEBUG=False),
        ):
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    call_command("update_index", verbosity=0, stdout=StringIO())
    progress.line("Suchindex: aktualisiert")
    call_command("rebuild_references_index", verbosity=0, stdout=StringIO())
    progress.line("Verweisindex: neu aufgebaut")
