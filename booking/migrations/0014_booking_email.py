"""A booking's email is a BookingEmail (it was Notification), beside WaitingListEmail and BuddyEmail.

Three things follow the model's new name so that nothing already saved is lost:
- its permissions: Django renames the content type but not the permission codenames, so a
  group granted "view notification" (the Counselor group) would lose the Emails listing;
- emails already queued: a worker reads the task's path and arguments from its row
  (booking.tasks.send_notification(notification_id=…) is now send_booking_email(email_id=…)).
"""

from django.db import migrations, models

OLD_TASK = "booking.tasks.send_notification"
NEW_TASK = "booking.tasks.send_booking_email"


def rename_permissions(apps, old, new):
    permission = apps.get_model("auth", "Permission")
    for row in permission.objects.filter(content_type__app_label="booking", codename__endswith=f"_{old}"):
        action = row.codename.removesuffix(f"_{old}")
        row.codename = f"{action}_{new}"
        row.save(update_fields=["codename"])


def rewrite_queued(apps, old_path, new_path, old_argument, new_argument):
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    for row in task_result.objects.filter(task_path=old_path):
        kwargs = row.args_kwargs.get("kwargs", {})
        if old_argument in kwargs:
            kwargs[new_argument] = kwargs.pop(old_argument)
        row.task_path = new_path
        row.save(update_fields=["task_path", "args_kwargs"])


def forwards(apps, schema_editor):
    rename_permissions(apps, "notification", "bookingemail")
    rewrite_queued(apps, OLD_TASK, NEW_TASK, "notification_id", "email_id")


def backwards(apps, schema_editor):
    rename_permissions(apps, "bookingemail", "notification")
    rewrite_queued(apps, NEW_TASK, OLD_TASK, "email_id", "notification_id")


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0013_periodic_task_moved"),
        # The roles are granted the old permission names there; rename them only after.
        ("staff", "0003_data_protection_roles"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RenameModel("Notification", "BookingEmail"),
        migrations.AlterField(
            model_name="bookingemail",
            name="booking",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="emails",
                to="booking.booking",
                verbose_name="booking",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
