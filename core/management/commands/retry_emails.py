from django.core.management.base import BaseCommand
from django.utils import timezone

from core.outbox import outboxes_retry


class Command(BaseCommand):
    help = "Queue again the emails (bookings, buddy sign-ups) that failed or have waited too long; run every few minutes."

    def handle(self, *args, **options):
        count = outboxes_retry(now=timezone.now())
        self.stdout.write(f"{count} email(s) queued again.")
