"""A term of the termbase, one instance per language (wagtail-localize translates it like the other snippets).

A term explains words on every page of its language, so a change goes through review like a page: editors and
translators save drafts and submit them, the glossary and the links show only the published version.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Term(WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """An official term („Jobcenter“), its plain explanation and the forms in which it appears in texts.

    ``key`` is the same in every language (the glossary's anchor, ``/ar/glossar/#jobcenter``);
    ``forms`` lists the inflected forms page texts are searched for, one per line.
    """

    key = models.SlugField(
        _("Kennung"),
        max_length=80,
        help_text=_("Gleich in allen Sprachen; Sprungmarke im Glossar, z. B. „jobcenter“."),
    )
    term = models.CharField(_("Begriff"), max_length=200)
    explanation = models.TextField(_("Erklärung"), help_text=_("Ein bis zwei Sätze in einfacher Sprache."))
    forms = models.TextField(
        _("Formen im Text"),
        blank=True,
        help_text=_("Eine Form pro Zeile, genau wie sie in Texten vorkommt (z. B. „Jobcenter“, „Jobcenters“)."),
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="term",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="term",
        for_concrete_model=False,
    )

    translatable_fields = [
        TranslatableField("term"),
        TranslatableField("explanation"),
        TranslatableField("forms"),
        SynchronizedField("key"),
    ]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("explanation"),
        index.AutocompleteField("term"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Fachbegriff")
        verbose_name_plural = _("Fachbegriffe")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="terminology_term_key_per_locale")]

    def __str__(self):
        return self.term

    def form_list(self):
        """The forms to look for in texts; the term itself when none are given."""
        return forms_of(self.forms, self.term)


def forms_of(text, term):
    found = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return found or [term]
