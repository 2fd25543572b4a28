"""Create the starter site from ``content/``; skips whatever already exists."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.users.models import UserProfile

from starter.loader import load_starter

DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "rangkul-admin"  # noqa: S105 - local development only, see RANGKUL_CREATE_DEV_ADMIN


class Command(BaseCommand):
    help = (
        "Create the starter pages, hotlines and site settings from content/; skips whatever already exists. "
        "--demo adds fictional counselors and offerings for a local copy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Also create the demo counselors, offerings and schedules (never on a real site).",
        )

    def handle(self, *args, demo=False, **options):
        with transaction.atomic():
            result = load_starter(demo=demo)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Starter content: {result.created} new item(s) created.")
        if getattr(settings, "RANGKUL_CREATE_DEV_ADMIN", False):
            self.ensure_dev_admin()

    def ensure_dev_admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEV_ADMIN_USERNAME).exists():
            user = user_model.objects.create_superuser(
                username=DEV_ADMIN_USERNAME, email="admin@localhost", password=DEV_ADMIN_PASSWORD
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "id-id"
            profile.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Local admin (this copy only): http://127.0.0.1:8000/admin/ — "
                f"username {DEV_ADMIN_USERNAME}, password {DEV_ADMIN_PASSWORD}"
            )
        )
