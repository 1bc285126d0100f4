"""Where a translation comes from (issue 19): how it was made, and whether a native speaker checked it.

One row per translated object and language, identified by content type + ``translation_key`` + locale
rather than by a foreign key, so the plugins' models (events, orgdirectory) need not know about it and
the row survives wagtail-localize re-creating the target. Pages use the base ``Page`` content type (the
key is shared by a page in every language whatever its specific type). ``translations.provenance``
records and reads the rows.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationOrigin(models.Model):
    class Method(models.TextChoices):
        HUMAN = "human", _("von einer Person")
        MACHINE = "machine", _("mit maschineller Hilfe (DeepL)")
        DEMO = "demo", _("vom Demo-Ladeprogramm")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(_("Entstanden"), max_length=8, choices=Method.choices)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Übersetzt von"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    made_at = models.DateTimeField(_("Übersetzt am"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Geprüft von"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    checked_at = models.DateTimeField(_("Geprüft am"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "translation_key", "locale"], name="one_origin_per_translation")
        ]
        verbose_name = _("Herkunft einer Übersetzung")
        verbose_name_plural = _("Herkunft von Übersetzungen")

    def __str__(self):
        return f"{self.content_type} {self.translation_key} ({self.locale_id}): {self.method}"

    @property
    def checked(self):
        return self.checked_at is not None
