"""The review dates of the app's models (kept apart from ``models.py``, imported there)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ReviewByMixin(models.Model):
    """„Prüfen bis“: the date by which an editor of the section should check that the page is still right.

    The German original's date is the one that counts: the start page's list of overdue content and
    the weekly reminder (``editorial/review.py``) read German pages only. wagtail-localize copies the
    date to the translations (a date is a synchronised field), which is harmless: a translation is
    checked when its German original is, so it has no date of its own to keep.
    """

    review_by = models.DateField(
        _("Prüfen bis"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Bis wann soll jemand prüfen, ob die Angaben noch stimmen? Leer lassen, wenn es keine Frist gibt."),
    )

    review_panels = [FieldPanel("review_by")]

    class Meta:
        abstract = True
