"""The staff roles, as Wagtail groups created by ``staff/migrations``."""

COUNSELOR = "Counselor"
COORDINATOR = "Coordinator"
DATA_PROTECTION_OFFICER = "Data protection officer"
EDITORS = "Editors"
SAFETY_TEAM = "School safety team (TPPK)"
