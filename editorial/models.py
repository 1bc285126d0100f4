"""The review task of the workflows „Prüfung vor Veröffentlichung – …“, with the „Vier-Augen-Prinzip“ as an option.

Wagtail's group approval task lets every member of its groups approve, including the person who submitted the
change. ``ReviewTask`` is that task plus two switches, set per section (each section has its own workflow and
task) in the admin under „Einstellungen → Prüfabläufe → Aufgaben“:

- „Andere Person muss freigeben“: whoever submitted a page (or entry) for review cannot approve it;
- „Importierte Termine: andere Person muss freigeben“ (on unless switched off): the same for events that came in
  through a calendar import; such an import then always goes through review (``events/importer.py``).

The approve action is not offered to the submitter (``get_actions``), and Wagtail refuses every action that
``get_actions`` does not offer, in the editor, the dashboard and its workflow action URLs alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page


def _specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def is_imported(obj):
    """An event that came in through a calendar import (``EventPage.import_uid``)."""
    return bool(getattr(_specific(obj), "import_uid", ""))


class ReviewTask(AbstractGroupApprovalTask):
    other_person_approves = models.BooleanField(
        _("Andere Person muss freigeben"),
        default=False,
        help_text=_("Vier-Augen-Prinzip: Wer eine Änderung zur Prüfung eingereicht hat, kann sie nicht selbst freigeben."),
    )
    other_person_approves_imports = models.BooleanField(
        _("Importierte Termine: andere Person muss freigeben"),
        default=True,
        help_text=_(
            "Vier-Augen-Prinzip für Termine aus einem Kalender-Import: Sie gehen immer in die Prüfung, und wer sie "
            "importiert hat, kann sie nicht selbst freigeben."
        ),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["other_person_approves", "other_person_approves_imports"]

    def needs_other_person(self, obj):
        return self.other_person_approves or (self.other_person_approves_imports and is_imported(obj))

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        state = obj.current_workflow_state
        if state is not None and state.requested_by_id == user.pk and self.needs_other_person(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    @classmethod
    def get_description(cls):
        return _("Mitglieder der gewählten Gruppen prüfen; wahlweise darf nicht freigeben, wer eingereicht hat.")

    class Meta:
        verbose_name = _("Prüfung durch eine Gruppe")
        verbose_name_plural = _("Prüfungen durch eine Gruppe")


def review_task_of(page):
    """The ``ReviewTask`` of the workflow that ``page`` (or a new page below it) goes through, or None."""
    workflow = page.get_workflow()
    if workflow is None:
        return None
    for task in workflow.tasks.specific():
        if isinstance(task, ReviewTask):
            return task
    return None
