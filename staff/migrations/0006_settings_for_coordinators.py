"""Coordinators set the follow-up thresholds after missed sessions and whether staff calendar feeds show names."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR = "Coordinator"
SETTINGS = [("booking", "change_followupsettings"), ("booking", "change_calendarfeedsettings")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=COORDINATOR)
    permission_model = apps.get_model("auth", "Permission")
    for app_label, codename in SETTINGS:
        group.permissions.add(permission_model.objects.get(content_type__app_label=app_label, codename=codename))


def take_back(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=COORDINATOR).first()
    if group:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="booking", codename__in=[codename for _app, codename in SETTINGS]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0005_follow_up_roles"),
        ("booking", "0017_calendar_feeds"),
    ]

    operations = [migrations.RunPython(grant, take_back)]
