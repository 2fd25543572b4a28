"""The staff groups (Counselor, Coordinator, Data protection officer, School safety team) as the
migrations leave them, for tests that start from an emptied database (each migration's function
run on the models as they were then)."""

import importlib

from django.db import connection
from django.db.migrations.loader import MigrationLoader

ROLE_MIGRATIONS = [
    ("staff", "0002_counselor_and_coordinator_groups", "create_groups"),
    ("staff", "0003_data_protection_roles", "set_up_roles"),
    ("booking", "0014_booking_email", "forwards"),  # the email permissions' new names
    ("staff", "0004_school_safety_team", "set_up_roles"),
    ("staff", "0005_follow_up_roles", "grant"),
    ("staff", "0006_settings_for_coordinators", "grant"),
]


def roles_as_migrated():
    loader = MigrationLoader(connection)
    for app_label, name, function_name in ROLE_MIGRATIONS:
        module = importlib.import_module(f"{app_label}.migrations.{name}")
        getattr(module, function_name)(loader.project_state((app_label, name), at_end=True).apps, None)
