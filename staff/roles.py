"""The staff roles, as Wagtail groups created by ``staff/migrations``."""

COUNSELOR = "Counselor"
COORDINATOR = "Coordinator"
