"""Removing people's details from booking records while keeping what statistics need.

A record keeps its session, status (attendance), age group and dates, so counts and
attendance rates stay right; everything that identifies the person, and the topic they
chose, is replaced. Wagtail's history of the record keeps only neutral labels.
"""

from booking.models import Booking, Notification, WaitingListEmail, WaitingListEntry
from core.audit import history_scrub

REMOVED = "—"


def anonymised_address(record):
    return f"{record._meta.model_name}-{record.pk}@anonymised.invalid"


def _scrub(record, now):
    record.name = REMOVED
    record.email = anonymised_address(record)
    record.phone = ""
    record.school_class = ""
    if record.guardian_name or record.guardian_contact:
        # Under-18 rows must keep a (non-identifying) guardian value: a database rule requires it.
        record.guardian_name = REMOVED
        record.guardian_contact = REMOVED
    record.topic = ""
    record.anonymised_at = now
    return record


SCRUBBED_FIELDS = ["name", "email", "phone", "school_class", "guardian_name", "guardian_contact", "topic"]


def bookings_anonymise(bookings, *, now):
    """Remove the person's details from these bookings (a queryset); returns how many."""
    rows = [_scrub(booking, now) for booking in bookings.filter(anonymised_at__isnull=True)]
    Booking.objects.bulk_update(rows, [*SCRUBBED_FIELDS, "anonymised_at"])
    ids = [row.pk for row in rows]
    history_scrub(Booking, ids)
    # Emails still waiting to go would be built from the removed details: they are dropped.
    Notification.objects.filter(booking_id__in=ids).delete()
    return len(rows)


def waiting_entries_anonymise(entries, *, now):
    rows = [_scrub(entry, now) for entry in entries.filter(anonymised_at__isnull=True)]
    WaitingListEntry.objects.bulk_update(rows, [*SCRUBBED_FIELDS, "anonymised_at"])
    ids = [row.pk for row in rows]
    history_scrub(WaitingListEntry, ids)
    WaitingListEmail.objects.filter(entry_id__in=ids).delete()
    return len(rows)
