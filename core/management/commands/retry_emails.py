from django.core.management.base import BaseCommand
from django.utils import timezone

from core.outbox import outboxes_retry
from core.task_results import task_results_abandoned_close


class Command(BaseCommand):
    help = (
        "Queue again the emails (bookings, buddy sign-ups) that failed or have waited too long, and close "
        "tasks a stopped worker left running; run every few minutes."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        closed = task_results_abandoned_close(now=now)
        count = outboxes_retry(now=now)
        self.stdout.write(
            f"{count} email(s) queued again; {closed} task(s) left running by a stopped worker closed."
        )
