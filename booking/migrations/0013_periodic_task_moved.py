"""The periodic task moved from booking.periodic_task to booking.tasks: queued runs follow it.

A worker reads a queued task's module path from its row; without this, the run already
queued would fail to import after the upgrade and the self-renewing chain would stop.
"""

from django.db import migrations

OLD = "booking.periodic_task.run_due_periodically"
NEW = "booking.tasks.run_due_periodically"


def rewrite(apps, schema_editor, old, new):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    task_result.objects.filter(task_path=old).update(task_path=new)


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0012_people_coming"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: rewrite(apps, editor, OLD, NEW),
            lambda apps, editor: rewrite(apps, editor, NEW, OLD),
        )
    ]
