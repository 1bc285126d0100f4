"""The review dates of the app's models (kept apart from ``models.py``, imported there)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewByMixin(models.Model):
    """„Prüfen bis“ for editors and „zuletzt geprüft am“ for visitors.

    ``review_by`` is the editors' own deadline; only the admin shows it. ``last_checked`` is the day a
    person last confirmed the entry: an editor ticks „geprüft“ in the entry's form
    (``OrganisationForm``), the day goes into that revision and becomes public with it, that is, when
    the reviewed revision is published. Both are synchronised from the German entry, whose dates are
    the ones that count (a translation is checked when its original is); visitors in every language
    see the German entry's ``last_checked`` (``presenters.checked_text``).
    """

    review_by = models.DateField(
        _("Prüfen bis"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Bis wann soll jemand prüfen, ob die Angaben noch stimmen? Leer lassen, wenn es keine Frist gibt."),
    )
    last_checked = models.DateField(
        _("Zuletzt geprüft am"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
    )

    class Meta:
        abstract = True
