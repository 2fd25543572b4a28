"""Counts about requests for help for the dashboard and the Reports page: never their content."""

import statistics

from django.db.models import Count, Q

from core.admin_access import visible
from support.models import HelpRequest, RequestKind, RequestStatus


def waiting_counts(user):
    """(requests waiting for someone to take them, of which urgent; reports not yet taken), as the user may see them."""
    new = visible(HelpRequest.objects.filter(status=RequestStatus.NEW), user)
    counts = new.aggregate(
        requests=Count("pk", filter=Q(kind=RequestKind.REQUEST)),
        urgent=Count("pk", filter=Q(kind=RequestKind.REQUEST, is_urgent=True)),
        reports=Count("pk", filter=Q(kind=RequestKind.REPORT)),
    )
    return counts["requests"], counts["urgent"], counts["reports"]


def received_between(start, end):
    """(local time received, kind, hours to the first response or None) of every request and report."""
    rows = HelpRequest.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
        "created_at", "kind", "first_response_at"
    )
    return [
        (created, kind, (responded - created).total_seconds() / 3600 if responded else None)
        for created, kind, responded in rows
    ]


def median_hours(hours):
    answered = [value for value in hours if value is not None]
    return statistics.median(answered) if answered else None
