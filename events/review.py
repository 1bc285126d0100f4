"""The review dates of the app's models (kept apart from ``models.py``, imported there)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ReviewByMixin(models.Model):
    """„Prüfen bis“: the date by which the event's working group should check that it is still right
    (a series' times, venue, registration). Only the site's admin reads it; visitors never see it.

    The original's date is what counts; wagtail-localize copies it to the translations (a date is a
    synchronised field), which is harmless, because a translation is checked when its original is.
    The plugin keeps its own mixin, as it never imports the site.
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
