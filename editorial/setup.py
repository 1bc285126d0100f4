"""Who may do what: one editors' and one reviewers' group per working group, network administrators,
translators, and the review workflow "Prüfung vor Veröffentlichung".

Everything uses Wagtail's own page, collection and model permissions, so the
admin offers each person only the actions they may take. Each working group's
section exists once per language (synchronised trees); permissions and
workflows are set on every language version of the section.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

REVIEW_WORKFLOW = "Prüfung vor Veröffentlichung"
NETWORK_ADMINS = "Netzwerk-Administration"
TRANSLATORS = "Übersetzung"

# Editors may lock pages but not unlock other people's locks (the lock holder always may); a reviewer's lock holds.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
REVIEWER_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["unlock_page", "publish_page"]
# Wagtail's own starter groups have rights on the whole site; nobody should get them by accident.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
ADMIN_PAGE_PERMISSIONS = REVIEWER_PAGE_PERMISSIONS + ["bulk_delete_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@dataclass
class SectionGroups:
    editors: Group
    reviewers: Group
    collection: Collection
    workflow: Workflow


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(group, page, codenames):
    for version in Page.objects.filter(translation_key=page.translation_key):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=version, permission=permission("wagtailcore", codename)
            )


def _withdraw_page_permissions(group, page, codenames):
    GroupPagePermission.objects.filter(
        group=group,
        page__translation_key=page.translation_key,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=codenames,
    ).delete()


def empty_wagtail_default_groups():
    """Take every right from Wagtail's starter groups „Editors“ and „Moderators“ (they stay, empty, so that
    nobody's account breaks; an administrator can delete them)."""
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        group.permissions.clear()
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        for task in [*GroupApprovalTask.objects.filter(groups=group), *_review_tasks_of(group)]:
            task.groups.remove(group)


def _review_tasks_of(group):
    from editorial.models import ReviewTask

    return ReviewTask.objects.filter(groups=group)


def _collection_permissions(group, collection):
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app_label, codename)
        )


def _group(name, *model_permissions):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(permission("wagtailadmin", "access_admin"), *model_permissions)
    return group


def _collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _review_workflow(name, reviewer_groups, other_person_approves=False):
    """The workflow ``name`` with its one ``ReviewTask``; „Andere Person muss freigeben“ is set when the task is made
    (an administrator may change it later, running the setup again keeps that choice)."""
    from editorial.models import ReviewTask

    workflow, _ = Workflow.objects.get_or_create(name=name)
    task = ReviewTask.objects.filter(name=f"Prüfung: {name}").first()
    if task is None:
        task = ReviewTask.objects.create(name=f"Prüfung: {name}", other_person_approves=other_person_approves)
    task.groups.add(*reviewer_groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def _assign_workflow(page, workflow):
    for version in Page.objects.filter(translation_key=page.translation_key):
        WorkflowPage.objects.update_or_create(page=version, defaults={"workflow": workflow})


def section_snippet_models():
    """The installed models of ``SECTION_SNIPPET_MODELS`` (e.g. directory entries)."""
    models = []
    for model_path in getattr(settings, "SECTION_SNIPPET_MODELS", []):
        try:
            models.append(apps.get_model(model_path))
        except LookupError:
            continue
    return models


def snippet_model_permissions(action_codenames):
    """Model permissions for the section snippets."""
    found = []
    for model in section_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        for action in action_codenames:
            found.extend(Permission.objects.filter(content_type=content_type, codename=f"{action}_{model._meta.model_name}"))
    return found


def term_permissions(action_codenames):
    """Model permissions for the termbase (terminology.Term): editors and translators propose changes, reviewers
    and administrators publish them, administrators may also delete terms; nobody else may change what the
    glossary explains."""
    try:
        model = apps.get_model("terminology", "Term")
    except LookupError:
        return []
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in action_codenames]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def ensure_editorial_setup(home, working_groups):
    """Create groups, collections, permissions and workflows; safe to run again."""
    empty_wagtail_default_groups()
    network_admins = _group(
        NETWORK_ADMINS,
        *snippet_model_permissions(["add", "change", "delete", "publish", "lock", "unlock"]),
        *term_permissions(["add", "change", "delete", "publish"]),
    )
    _page_permissions(network_admins, home, ADMIN_PAGE_PERMISSIONS)
    _collection_permissions(network_admins, Collection.get_first_root_node())
    network_workflow = _review_workflow(f"{REVIEW_WORKFLOW} – Netzwerk", [network_admins])
    _assign_workflow(home, network_workflow)

    translators = _group(TRANSLATORS, permission("wagtail_localize", "submit_translation"), *term_permissions(["add", "change"]))
    for version in Page.objects.filter(translation_key=home.translation_key).exclude(
        locale__language_code=settings.LANGUAGE_CODE
    ):
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=translators, page=version, permission=permission("wagtailcore", codename)
            )

    sections = {}
    reviewer_groups = [network_admins]
    for page in working_groups:
        label = page.short_name or page.title
        editors = _group(f"{label} – Redaktion", *snippet_model_permissions(["add", "change"]), *term_permissions(["add", "change"]))
        reviewers = _group(
            f"{label} – Prüfung",
            *snippet_model_permissions(["add", "change", "publish"]),
            *term_permissions(["add", "change", "publish"]),
        )
        _withdraw_page_permissions(editors, page, ["unlock_page"])
        _page_permissions(editors, page, EDITOR_PAGE_PERMISSIONS)
        _page_permissions(reviewers, page, REVIEWER_PAGE_PERMISSIONS)
        collection = _collection(label)
        _collection_permissions(editors, collection)
        _collection_permissions(reviewers, collection)
        workflow = _review_workflow(f"{REVIEW_WORKFLOW} – {label}", [reviewers, network_admins])
        _assign_workflow(page, workflow)
        sections[page.slug] = SectionGroups(editors, reviewers, collection, workflow)
        reviewer_groups.append(reviewers)

    # Directory entries: „Vier-Augen-Prinzip“ from the start (sections: only for imported events, see ReviewTask).
    directory_workflow = _review_workflow(f"{REVIEW_WORKFLOW} – Verzeichnis", reviewer_groups, other_person_approves=True)
    for model in section_snippet_models():
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": directory_workflow}
        )
    _assign_term_workflow(reviewer_groups)
    return sections


def _assign_term_workflow(reviewer_groups):
    """The termbase explains words on every page: any section's reviewer (not the author) approves a change."""
    try:
        model = apps.get_model("terminology", "Term")
    except LookupError:
        return
    workflow = _review_workflow(f"{REVIEW_WORKFLOW} – Fachbegriffe", reviewer_groups, other_person_approves=True)
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
    )
