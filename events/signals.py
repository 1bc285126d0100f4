"""Schedule changes reach every language at once.

A translated event page is a separate page in wagtail-localize: without help it
would keep the old time or miss a cancellation until a translator syncs it.
When the German event is published, each existing translation is re-saved from
the updated source: synchronised fields (times, recurrence, exceptions,
cancellation) follow immediately, translated texts are kept.
"""

from django.conf import settings
from wagtail.signals import page_published


def sync_event_translations(sender, instance, **kwargs):
    from wagtail_localize.models import Translation, TranslationSource

    from .models import EventPage

    if kwargs.get("alias") or not isinstance(instance, EventPage):
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return
    translations = Translation.objects.filter(source=source, enabled=True)
    if not translations.exists():
        return
    source.update_from_db()
    for translation in translations.select_related("target_locale"):
        translation.save_target(user=kwargs.get("revision").user if kwargs.get("revision") else None, publish=True)


def connect():
    page_published.connect(sync_event_translations, dispatch_uid="events_sync_event_translations")
