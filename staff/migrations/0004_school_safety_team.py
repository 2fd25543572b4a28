"""Requests for help and reports of bullying or violence.

- School safety team (TPPK, Permendikbudristek 46/2023) is a new group: it alone sees and
  handles reports. Put its members in it; nobody else reads a report, superusers included.
- Counselor takes new requests to be contacted (and then sees the ones they took).
- Coordinator sees every request (not the reports, unless they are on the team too).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COUNSELOR = "Counselor"
COORDINATOR = "Coordinator"
SAFETY_TEAM = "School safety team (TPPK)"

GRANTS = {
    COUNSELOR: [("support", "take_requests")],
    COORDINATOR: [("support", "take_requests"), ("support", "view_all_requests")],
    SAFETY_TEAM: [("wagtailadmin", "access_admin"), ("support", "handle_reports")],
}


def set_up_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, wanted in GRANTS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))


def remove_roles(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    group_model.objects.filter(name=SAFETY_TEAM).delete()
    permission_model = apps.get_model("auth", "Permission")
    for name in (COUNSELOR, COORDINATOR):
        group = group_model.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*permission_model.objects.filter(content_type__app_label="support"))


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_data_protection_roles"),
        ("support", "0001_initial"),
    ]

    operations = [migrations.RunPython(set_up_roles, remove_roles)]
