from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from privacy.retention import retention_run


class Command(BaseCommand):
    help = (
        "Remove people's details from records past their keeping period (RANGKUL_RETENTION_DAYS); "
        "counts and attendance stay. Run daily from cron. Prints counts only, never a person."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many records would be changed."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = retention_run(now=timezone.now(), dry_run=dry_run)
        days = settings.RANGKUL_RETENTION_DAYS
        verb = "would be anonymised" if dry_run else "anonymised"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb} (kept {days[kind]} days after the end).")
