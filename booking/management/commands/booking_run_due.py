from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.tasks import periodic_queue_next
from core.periodic import run_due


class Command(BaseCommand):
    help = (
        "Run everything that is due (reminders, offers that ran out, sessions with too few people, "
        "check-ins, feedback and follow-ups; run every few minutes from cron), or start the periodic "
        "task instead with --start-periodic."
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
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in done.items()))
