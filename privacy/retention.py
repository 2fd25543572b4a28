"""Retention: people's details are removed a set number of days after their session or program ends.

Run daily from cron (``manage.py retention_run``). Counts and attendance stay for the
reports; see booking.services.retention, buddies.retention and support.retention for what is kept.
"""

import datetime

from django.conf import settings

from booking.models import Booking, WaitingListEntry
from booking.services.retention import bookings_anonymise, waiting_entries_anonymise
from buddies.models import BuddySignup
from buddies.retention import signups_anonymise
from core.localtime import local_zone
from core.models import PersonalDataEvent
from support.models import HelpRequest, RequestKind, RequestStatus
from support.retention import requests_anonymise


def retention_due(*, now):
    """{kind: queryset of records whose keeping period has passed and still hold details}."""
    days = settings.RANGKUL_RETENTION_DAYS

    def cutoff(kind):
        return now - datetime.timedelta(days=days[kind])

    return {
        "bookings": Booking.objects.filter(anonymised_at__isnull=True, session__end__lt=cutoff("bookings")),
        "waiting_list": WaitingListEntry.objects.filter(
            anonymised_at__isnull=True, session__end__lt=cutoff("waiting_list")
        ),
        "buddy_signups": BuddySignup.objects.filter(
            anonymised_at__isnull=True,
            program__ends_on__lt=cutoff("buddy_signups").astimezone(local_zone()).date(),
        ),
        "help_requests": HelpRequest.objects.filter(
            anonymised_at__isnull=True,
            kind=RequestKind.REQUEST,
            status=RequestStatus.CLOSED,
            closed_at__lt=cutoff("help_requests"),
        ),
        "reports": HelpRequest.objects.filter(
            anonymised_at__isnull=True,
            kind=RequestKind.REPORT,
            status=RequestStatus.CLOSED,
            closed_at__lt=cutoff("reports"),
        ),
    }


ANONYMISE = {
    "bookings": bookings_anonymise,
    "waiting_list": waiting_entries_anonymise,
    "buddy_signups": signups_anonymise,
    "help_requests": requests_anonymise,
    "reports": requests_anonymise,
}


def retention_run(*, now, dry_run=False):
    """Remove the details of every record past its keeping period. Returns {kind: how many}."""
    due = retention_due(now=now)
    if dry_run:
        return {kind: records.count() for kind, records in due.items()}
    done = {kind: ANONYMISE[kind](records, now=now) for kind, records in due.items()}
    PersonalDataEvent.objects.create(
        action="retention", subject="retention_run", details={**done, "days": settings.RANGKUL_RETENTION_DAYS}
    )
    return done
