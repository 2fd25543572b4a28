"""The Counselor and Coordinator groups, with the permissions each role needs.

Counselors open the admin to run their own sessions: without "view all bookings" they see
the sessions, bookings, waiting lists and emails of their own sessions only. Coordinators
run the service: every booking and buddy record, offerings, schedules, terms, exports and
the Reports page.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COUNSELOR = "Counselor"
COORDINATOR = "Coordinator"

ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
COUNSELOR_PERMISSIONS = ADMIN_ACCESS + [
    ("booking", codename)
    for codename in [
        "view_session",
        "change_session",
        "view_booking",
        "change_booking",
        "view_waitinglistentry",
        "change_waitinglistentry",
        "view_notification",
        "view_offering",
        "view_schedule",
        "view_closure",
        "view_counselor",
    ]
]
COORDINATOR_APPS = {
    "booking": [
        "counselor",
        "offering",
        "schedule",
        "closure",
        "session",
        "booking",
        "waitinglistentry",
        "notification",
        "waitinglistemail",
    ],
    "buddies": ["buddyprogram", "buddysignup", "buddypair", "buddyemail"],
    "staff": ["term"],
}
COORDINATOR_PERMISSIONS = (
    ADMIN_ACCESS
    + [("booking", "view_all_bookings"), ("staff", "view_reports")]
    + [
        (app, f"{action}_{model}")
        for app, models in COORDINATOR_APPS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
)


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, wanted in ((COUNSELOR, COUNSELOR_PERMISSIONS), (COORDINATOR, COORDINATOR_PERMISSIONS)):
        group, _created = group_model.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[COUNSELOR, COORDINATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("booking", "0004_waiting_list_caps_minimums"),
        ("buddies", "0001_initial"),
        ("staff", "0001_terms"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
