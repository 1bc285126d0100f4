"""Recording and reading where a translation comes from (``TranslationOrigin``).

Recorded automatically:

- every translation saved through wagtail-localize by a signed-in person (``translations.review``'s wrapper
  of ``create_or_update_translation``: translation editor, PO upload) is "von einer Person", unless some of
  its current segments still hold machine translations – wagtail-localize's "Translate with DeepL" button
  (view ``wagtail_localize:machine_translate``) stores those as ``StringTranslation`` rows of type
  ``machine`` and a person then saves or publishes them; the segment type is what survives until that
  save, so it is what is checked ("mit maschineller Hilfe (DeepL)"). A segment a person edits afterwards
  becomes ``manual`` again in wagtail-localize;
- a translated page or entry edited by hand in Wagtail's own editor (pages converted from the
  synchronised translation) is "von einer Person" (``wagtail_hooks``);
- the demo loader's translations are "vom Demo-Ladeprogramm".

A new text resets "checked": whoever saves a translation produces text no native speaker has read yet, so
``record`` clears ``checked_by``/``checked_at`` every time. A reviewer marks the new text checked again
(``mark_checked``) – usually when approving it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from caching import frame
from translations.models import TranslationOrigin

Method = TranslationOrigin.Method


def content_type_of(instance_or_model):
    """Pages share the base ``Page`` type (their key is the same in every language whatever the specific type)."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    if issubclass(model, Page):
        model = Page
    return ContentType.objects.get_for_model(model)


def _identity(instance):
    return {
        "content_type": content_type_of(instance),
        "translation_key": instance.translation_key,
        "locale_id": instance.locale_id,
    }


def is_translation(instance):
    return instance is not None and instance.locale.language_code != settings.LANGUAGE_CODE


def record(instance, method, user=None):
    """Store how the current text of ``instance`` (a translation) was made; it is unchecked from now on."""
    if not is_translation(instance):
        return None
    origin, _created = TranslationOrigin.objects.update_or_create(
        **_identity(instance),
        defaults={
            "method": method,
            "made_by": user if getattr(user, "is_authenticated", False) else None,
            "made_at": timezone.now(),
            "checked_by": None,
            "checked_at": None,
        },
    )
    return origin


def has_new_text(instance):
    """Whether ``instance`` has a revision newer than its recorded origin (always, without revisions or origin)."""
    revision = getattr(instance, "latest_revision", None)
    if revision is None:
        return True
    recorded = TranslationOrigin.objects.filter(**_identity(instance)).values_list("made_at", flat=True).first()
    return recorded is None or revision.created_at > recorded


def record_many(instances, method):
    """The demo loader's many translations (all in one language other than German) in one insert; existing rows
    stay as they are."""
    now = timezone.now()
    rows = [TranslationOrigin(**_identity(item), method=method, made_at=now) for item in instances]
    TranslationOrigin.objects.bulk_create(rows, ignore_conflicts=True)


def machine_made(source, locale):
    """Whether any current segment of ``source`` in ``locale`` is still a machine translation."""
    from wagtail_localize.models import StringSegment, StringTranslation

    return StringTranslation.objects.filter(
        locale=locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of_id__in=StringSegment.objects.filter(source=source).values("string_id"),
    ).exists()


def origin_of(instance):
    return TranslationOrigin.objects.filter(**_identity(instance)).select_related("checked_by").first()


def mark_checked(instance, user):
    """A native speaker read the current text. Creates the row ("von einer Person") if none was recorded."""
    origin, _created = TranslationOrigin.objects.get_or_create(
        **_identity(instance), defaults={"method": Method.HUMAN, "made_at": timezone.now()}
    )
    origin.checked_by, origin.checked_at = user, timezone.now()
    origin.save()
    return origin


def needs_check(instance):
    """For the visitor's notice: whether ``instance`` (a translated page or entry) has no native speaker's check.

    One query on a translation (the caller excludes German pages and untranslated aliases, which cost
    none); with the frame cache on, none after the first request (scope ``frame:provenance``, bumped by
    ``caching.dependencies`` whenever an origin changes). A translation without any recorded origin (made
    before this was recorded) counts as unchecked.
    """
    content_type = content_type_of(instance)

    def compute():
        return not TranslationOrigin.objects.filter(
            content_type=content_type,
            translation_key=instance.translation_key,
            locale_id=instance.locale_id,
            checked_at__isnull=False,
        ).exists()

    return frame.cached("provenance", [content_type.pk, instance.pk], compute)
