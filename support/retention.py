"""Removing a young person's details from requests for help while keeping what the reports count.

A request keeps its kind, topic, urgency, status, outcome and dates (for the Reports page and
first-response times); who they are, how to reach them, what they wrote and staff's notes go.
"""

from core.retention import REMOVED, records_anonymise
from support.models import HelpRequest, HelpRequestNote, SupportEmail

SCRUBBED_FIELDS = ["name", "school_class", "contact", "good_times", "details"]


def requests_anonymise(requests, *, now):
    """Remove the details from these requests (a queryset); returns how many."""
    rows = list(requests.filter(anonymised_at__isnull=True))
    for request in rows:
        request.name = REMOVED if request.name else ""
        request.school_class = ""
        request.contact = ""
        request.good_times = ""
        request.details = ""
        request.anonymised_at = now
    HelpRequestNote.objects.filter(request__in=rows).delete()
    return records_anonymise(
        HelpRequest,
        rows,
        SCRUBBED_FIELDS,
        emails_of=lambda ids: SupportEmail.objects.filter(request_id__in=ids),
    )
