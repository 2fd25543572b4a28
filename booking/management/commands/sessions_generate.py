import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.services.scheduling import sessions_generate


class Command(BaseCommand):
    help = "Create and update sessions from the schedules for the coming weeks (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=int, default=None, help="How far ahead (default: BOOKING_HORIZON_WEEKS)."
        )

    def handle(self, *args, weeks=None, **options):
        now = timezone.now()
        until = now + datetime.timedelta(weeks=weeks) if weeks else None
        result = sessions_generate(now=now, until=until)
        self.stdout.write(
            f"Sessions: {result.created} created, {result.updated} updated, {result.removed} removed, "
            f"{len(result.flagged)} flagged for staff, {result.told} booked people told of a change."
        )
