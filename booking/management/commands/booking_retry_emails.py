from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.outbox import notifications_retry


class Command(BaseCommand):
    help = "Queue again booking emails that failed or have waited too long (run every few minutes from cron)."

    def handle(self, *args, **options):
        count = notifications_retry(now=timezone.now())
        self.stdout.write(f"{count} email(s) queued again.")
