"""After sessions: counselors reach out to students who missed sessions and read feedback totals.

Counselor and Coordinator may see and complete missed-session follow-ups and see feedback
totals; a counselor sees those of their own sessions only (core.admin_access), a coordinator all.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COUNSELOR = "Counselor"
COORDINATOR = "Coordinator"

AFTER_SESSIONS = [
    ("booking", "view_missedsessionsfollowup"),
    ("booking", "change_missedsessionsfollowup"),
    ("booking", "view_sessionfeedback"),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name in (COUNSELOR, COORDINATOR):
        group, _created = group_model.objects.get_or_create(name=name)
        for app_label, codename in AFTER_SESSIONS:
            group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))


def take_back(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    wanted = permission_model.objects.filter(
        content_type__app_label="booking", codename__in=[codename for _app, codename in AFTER_SESSIONS]
    )
    for group in group_model.objects.filter(name__in=[COUNSELOR, COORDINATOR]):
        group.permissions.remove(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0004_school_safety_team"),
        ("booking", "0015_follow_up"),
    ]

    operations = [migrations.RunPython(grant, take_back)]
