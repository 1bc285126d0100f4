"""Translations go through the same review as every other change.

wagtail-localize saves translations in one place, ``TranslationSource.create_or_update_translation``,
and its views decide about publishing with too little: "update translations" only checks
``submit_translation`` and then publishes every target, "translate" publishes a new target whenever
the German original is live, and the translation editor checks only the *model* permission for
snippets (so a reviewer of one working group could publish another group's directory entry). Worse,
wagtail-localize's own "draft" writes the translated fields into the live row of an existing page or
entry, which is what visitors see.

``install()`` (called from ``TranslationsConfig.ready``) wraps that one method, so every path through
wagtail-localize (views, PO upload, machine translation, background subtree jobs) obeys the same rule:

- the user must be allowed to change the target (for snippets: the viewset's permission policy, which
  follows the entry's working groups); otherwise ``PermissionDenied`` and, because every caller runs in
  a transaction, nothing is stored (snippets without drafts, such as categories, which wagtail-localize
  re-saves along with every page, are left unchanged instead);
- a user who may publish the target publishes as before;
- anyone else saves a draft revision only (the live version stays exactly as it was) and the target is
  submitted to its workflow (the section's review), as the editor's "Zur Prüfung einreichen" would;
- a target page that is still an alias of the German page (an untranslated page in another language tree)
  is first converted into a page of its own with the alias's live content, as Wagtail's "convert alias"
  does, so the translation becomes a draft of it like any other (wagtail-localize would otherwise convert
  and publish the alias in one go, whatever ``publish`` says, and ``save_revision`` refuses alias pages).

Calls without a user (management commands, the demo loader) are left alone.

Every translation a person saves this way is recorded in ``translations.provenance`` (how it was made;
a new text is unchecked again).
"""

import functools

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from wagtail.models import DraftStateMixin, Page, RevisionMixin, WorkflowMixin

from editorial.permissions import may


def submit_for_review(instance, user):
    """Start the target's workflow unless one is already running (it will publish the newest revision)."""
    if not isinstance(instance, WorkflowMixin):
        return
    workflow = instance.get_workflow()
    if workflow is None or instance.workflow_in_progress:
        return
    workflow.start(instance, user)


def _save_draft_of_live_target(source, locale, user):
    """Put the translation into a new revision without touching the live row."""
    from wagtail_localize.models import TranslationLog

    target = source.get_ephemeral_translated_instance(locale, fallback=True)
    revision = target.save_revision(user=user)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return target


def _existing_target(source, locale):
    try:
        return source.get_translated_instance(locale)
    except models.ObjectDoesNotExist:
        return None


def _convert_alias_keeping_live_content(page, user):
    """The alias becomes a page of its own; visitors go on seeing exactly what the alias showed."""
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    ConvertAliasPageAction(page, user=user).execute(skip_permission_checks=True)
    return _specific(Page.objects.get(pk=page.pk))


def _specific(instance):
    return instance.specific if isinstance(instance, Page) else instance


def guard(create_or_update_translation):
    @functools.wraps(create_or_update_translation)
    def guarded(self, locale, user=None, publish=True, copy_parent_pages=False, fallback=False):
        def original(publish):
            return create_or_update_translation(
                self, locale, user=user, publish=publish, copy_parent_pages=copy_parent_pages, fallback=fallback
            )

        if user is None or not getattr(user, "is_authenticated", False):
            return original(publish)
        with transaction.atomic():
            result = _reviewed(self, locale, user, publish, original)
            _record_origin(self, locale, user)
            return result

    guarded.translations_review_guard = True
    return guarded


def _record_origin(source, locale, user):
    """The person's save is a new text of the translation: human, or machine-made while DeepL segments remain."""
    from translations import provenance

    target = _specific(_existing_target(source, locale))
    if target is None or not isinstance(target, DraftStateMixin):
        return  # categories and menus: re-saved along with pages, not translations of their own here
    method = provenance.Method.MACHINE if provenance.machine_made(source, locale) else provenance.Method.HUMAN
    provenance.record(target, method, user)


def _reviewed(self, locale, user, publish, original):
    """The review rules above; returns what ``create_or_update_translation`` returns."""
    existing = _existing_target(self, locale)
    existing = _specific(existing)
    if existing is not None:
        if not isinstance(existing, DraftStateMixin):
            # Categories, menus: no review, so changing them needs the change permission. wagtail-localize
            # also re-saves them as related objects of every page it translates; those stay as they are.
            return original(publish) if may(user, "change", existing) else (existing, False)
        if not may(user, "change", existing):
            raise PermissionDenied
        if publish and may(user, "publish", existing):
            return original(True)
        if isinstance(existing, Page) and existing.alias_of_id:
            existing = _convert_alias_keeping_live_content(existing, user)
        if existing.live:
            _save_draft_of_live_target(self, locale, user)
            result = (existing, False)
        else:
            result = original(False)
        target = _specific(_existing_target(self, locale))
        submit_for_review(target, user)
        return result

    # A new translation is created unpublished first, so the permission check sees the real target.
    source_instance = self.as_instance()
    draftable = isinstance(source_instance, DraftStateMixin)
    result = original(False if draftable else publish)
    target = _specific(_existing_target(self, locale))
    if target is None:
        return result
    if not may(user, "change", target):
        raise PermissionDenied
    if not draftable or not isinstance(target, RevisionMixin):
        return result
    if publish and may(user, "publish", target):
        revision = target.get_latest_revision()
        transaction.on_commit(functools.partial(revision.publish, user=user))
    else:
        submit_for_review(target, user)
    return result


def install():
    from wagtail_localize.models import TranslationSource

    method = TranslationSource.create_or_update_translation
    if not getattr(method, "translations_review_guard", False):
        TranslationSource.create_or_update_translation = guard(method)
