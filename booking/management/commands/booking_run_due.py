from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.services.periodic import run_due
from booking.tasks import periodic_queue_next


class Command(BaseCommand):
    help = (
        "Send due reminders, pass on waiting-list offers that ran out and cancel sessions with too few "
        "people (run every few minutes from cron), or start the periodic task instead with --start-periodic."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--start-periodic",
            action="store_true",
            help="Queue the periodic task on the background backend (a worker for the 'periodic' queue runs it).",
        )

    def handle(self, *args, start_periodic=False, **options):
        now = timezone.now()
        if start_periodic:
            queued = periodic_queue_next(now=now)
            self.stdout.write("Periodic task queued." if queued else "The periodic task is already queued.")
            return
        done = run_due(now=now)
        self.stdout.write(
            f"{done['reminders']} reminder(s) queued, {done['holds_released']} unconfirmed place(s) released, "
            f"{done['offers_passed_on']} waiting list(s) moved on, "
            f"{done['cancelled_below_minimum']} session(s) cancelled for too few people."
        )
