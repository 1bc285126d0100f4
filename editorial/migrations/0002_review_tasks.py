"""Every existing review task „Prüfung: Prüfung vor Veröffentlichung – …“ (a Wagtail group approval task) becomes a
``ReviewTask`` with the same name, groups, workflows and running reviews, switched as ``editorial/setup.py`` sets
new ones: „Andere Person muss freigeben“ on for the directory, off for the sections; „Importierte Termine: andere
Person muss freigeben“ on everywhere."""

from django.db import migrations

PREFIX = "Prüfung: Prüfung vor Veröffentlichung – "
DIRECTORY = PREFIX + "Verzeichnis"


def to_review_tasks(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ReviewTask = apps.get_model("editorial", "ReviewTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    content_type, _created = ContentType.objects.get_or_create(app_label="editorial", model="reviewtask")
    for old in GroupApprovalTask.objects.filter(name__startswith=PREFIX):
        new = ReviewTask.objects.create(
            name=old.name,
            active=old.active,
            content_type=content_type,
            other_person_approves=old.name == DIRECTORY,
            other_person_approves_imports=True,
        )
        new.groups.set(old.groups.all())
        WorkflowTask.objects.filter(task_id=old.pk).update(task_id=new.pk)
        TaskState.objects.filter(task_id=old.pk).update(task_id=new.pk)
        old.groups.clear()
        GroupApprovalTask.objects.filter(pk=old.pk).delete()


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_initial")]

    operations = [migrations.RunPython(to_review_tasks, migrations.RunPython.noop)]
