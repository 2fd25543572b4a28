"""Roles for personal data (UU PDP): Editors, Counselor, Coordinator and Data protection officer.

- Editors (Wagtail's own group) edit pages, images and documents and never see a person's
  records: any booking or buddy permission it was given is taken away.
- Counselor also sees the sign-ups and pairs of the buddy programs they are responsible for.
- Coordinator may export people's records (each export is recorded) and read that record.
- Data protection officer answers data requests (find, export, erase) and reads the record
  of what happened to personal data; they see no listing of bookings.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
COUNSELOR = "Counselor"
COORDINATOR = "Coordinator"
DATA_PROTECTION_OFFICER = "Data protection officer"
PERSONAL_DATA_APPS = ["booking", "buddies", "privacy"]

COUNSELOR_ADDS = [
    ("buddies", "view_buddyprogram"),
    ("buddies", "view_buddysignup"),
    ("buddies", "change_buddysignup"),
    ("buddies", "view_buddypair"),
    ("buddies", "change_buddypair"),
    ("buddies", "view_buddyemail"),
]
COORDINATOR_ADDS = [("core", "export_personal_data"), ("core", "view_personaldataevent")]
OFFICER = [
    ("wagtailadmin", "access_admin"),
    ("core", "handle_data_requests"),
    ("core", "view_personaldataevent"),
]


def _permission(apps, app_label, codename):
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def set_up_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    editors = group_model.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *editors.permissions.filter(content_type__app_label__in=PERSONAL_DATA_APPS)
        )
    for name, wanted in ((COUNSELOR, COUNSELOR_ADDS), (COORDINATOR, COORDINATOR_ADDS), (DATA_PROTECTION_OFFICER, OFFICER)):
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, app_label, codename) for app_label, codename in wanted])


def remove_roles(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    group_model.objects.filter(name=DATA_PROTECTION_OFFICER).delete()
    for name, added in ((COUNSELOR, COUNSELOR_ADDS), (COORDINATOR, COORDINATOR_ADDS)):
        group = group_model.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*[_permission(apps, app_label, codename) for app_label, codename in added])


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_counselor_and_coordinator_groups"),
        ("core", "0006_personal_data_events"),
        ("buddies", "0002_personal_details_and_counselor"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(set_up_roles, remove_roles)]
