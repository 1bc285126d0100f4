"""What visitors say about a page: helpful, not helpful, or a mistake in the translation.

Nothing about the visitor is stored: no name, no address, no IP address (the flood limit keeps a keyed hash
of the address in the cache for an hour, see ``ratelimit``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

COMMENT_MAX_LENGTH = 1000


class Feedback(models.Model):
    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Hilfreich")
        NOT_HELPFUL = "not_helpful", _("Nicht hilfreich")
        TRANSLATION = "translation", _("Fehler in der Übersetzung")

    class Status(models.TextChoices):
        NEW = "new", _("Neu")
        DONE = "done", _("Erledigt")

    page = models.ForeignKey(Page, verbose_name=_("Seite"), null=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(_("Sprache"), max_length=12, db_index=True)
    kind = models.CharField(_("Rückmeldung"), max_length=16, choices=Kind.choices)
    comment = models.TextField(_("Kommentar"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True, db_index=True)
    status = models.CharField(_("Status"), max_length=8, choices=Status.choices, default=Status.NEW, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.page.title if self.page else '–'} ({self.language})"
