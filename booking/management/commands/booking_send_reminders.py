from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.reminders import reminders_send_due


class Command(BaseCommand):
    help = "Send the reminder emails that are due (run every few minutes from cron)."

    def handle(self, *args, **options):
        count = reminders_send_due(now=timezone.now())
        self.stdout.write(f"{count} reminder(s) queued.")
