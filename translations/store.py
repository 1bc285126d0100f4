"""Store translations the way a translator's work is stored in wagtail-localize.

``translate`` fills the string segments of an object's translation source and
saves the target, exactly like the translation editor does, so the admin shows
the result as a translation in sync with its German source.
"""

from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def translate(instance, locale, strings, *, user=None, publish=True):
    """Translate ``instance`` into ``locale``.

    ``strings`` maps each German segment text to its translation; segments it
    does not cover keep the German text (and stay visible as untranslated in the
    editor). Returns the translated instance.
    """
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if not text:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation.save_target(user=user, publish=publish)
    return source.get_translated_instance(locale)


def source_strings(instance):
    """The German segment texts of ``instance``, in order (what a translator is asked to translate)."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    return list(
        StringSegment.objects.filter(source=source).order_by("order").values_list("string__data", flat=True)
    )
