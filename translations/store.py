"""Store translations the way a translator's work is stored in wagtail-localize.

``translate`` fills the string segments of an object's translation source and
saves the target, exactly like the translation editor does, so the admin shows
the result as a translation in sync with its German source.
"""

from django.db.models.signals import post_save
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def translation_source(instance):
    """The object's translation source, brought up to date with the object as it is now."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    return source


def string_segments(source):
    return list(StringSegment.objects.filter(source=source).select_related("string", "context"))


def store_strings(segments, locale, strings):
    """Store the translations of ``segments`` that ``strings`` has, as the translation editor would.

    New translations are inserted together; each still sends ``post_save`` like a single save
    (wagtail-localize sets the draft title of a page from its translated title there).
    """
    wanted = {}
    for segment in segments:
        text = strings.get(segment.string.data)
        if text:
            wanted[(segment.string_id, segment.context_id)] = (segment, text)
    if not wanted:
        return
    existing = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in={string_id for string_id, _context_id in wanted},
            context_id__in={context_id for _string_id, context_id in wanted},
        )
    }
    new = []
    for key, (segment, text) in wanted.items():
        item = existing.get(key)
        if item is None:
            new.append(
                StringTranslation(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    data=text,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
            )
        elif item.data != text or item.translation_type != StringTranslation.TRANSLATION_TYPE_MANUAL:
            item.data, item.translation_type = text, StringTranslation.TRANSLATION_TYPE_MANUAL
            item.save()
    for item in StringTranslation.objects.bulk_create(new):
        post_save.send(
            sender=StringTranslation, instance=item, created=True, update_fields=None, raw=False, using=item._state.db
        )


def save_translation(source, locale, segments, strings, *, user=None, publish=True):
    """Translate the object of ``source`` into ``locale`` (``segments``: its string segments)."""
    store_strings(segments, locale, strings)
    save_target(source, locale, user=user, publish=publish)


def save_target(source, locale, *, user=None, publish=True):
    """Save the object of ``source`` in ``locale`` from the string translations already stored.

    Loaders that translate many objects store all their strings with one ``store_strings`` call first.
    """
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    translation.save_target(user=user, publish=publish)


def translate(instance, locale, strings, *, user=None, publish=True):
    """Translate ``instance`` into ``locale``.

    ``strings`` maps each German segment text to its translation; segments it
    does not cover keep the German text (and stay visible as untranslated in the
    editor). Returns the translated instance.
    """
    source = translation_source(instance)
    save_translation(source, locale, string_segments(source), strings, user=user, publish=publish)
    return source.get_translated_instance(locale)


def source_strings(instance):
    """The German segment texts of ``instance``, in order (what a translator is asked to translate)."""
    source = translation_source(instance)
    return list(StringSegment.objects.filter(source=source).order_by("order").values_list("string__data", flat=True))
