"""Creating hundreds of pages and translations at once: index them once at the end, not on every save.

Each save of a page, revision, translation or directory entry makes Wagtail update its search
index and its reference index for that object; while the demo is built that is several thousand
small updates, about a third of the loading time. They are switched off while loading and both
indexes are rebuilt once afterwards, which gives the same index in a fraction of the time.
"""

from contextlib import contextmanager
from importlib import import_module
from io import StringIO

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import router
from django.db.models import ForeignKey, ManyToOneRel, Model
from django.db.models.signals import post_save
from django.test.utils import override_settings
from wagtail.contrib.frontend_cache.signal_handlers import page_published_signal_handler
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

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
