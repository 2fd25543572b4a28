"""Removing people's details from booking records while keeping what statistics need (core.retention).

A record keeps its session, status (attendance), age group and dates, so counts and
attendance rates stay right; everything that identifies the person, and the topic they
chose, is replaced.
"""

from booking.models import (
    Booking,
    BookingEmail,
    FeedbackInvitation,
    MissedSessionsFollowUp,
    WaitingListEmail,
    WaitingListEntry,
)
from core.retention import REMOVED, anonymised_address, guardian_scrub, records_anonymise

SCRUBBED_FIELDS = ["name", "email", "phone", "school_class", "guardian_name", "guardian_contact", "topic"]


def _scrub(record, now):
    record.name = REMOVED
    record.email = anonymised_address(record)
    record.phone = ""
    record.school_class = ""
    guardian_scrub(record)
    record.topic = ""
    record.anonymised_at = now
    return record


def bookings_anonymise(bookings, *, now):
    """Remove the person's details from these bookings (a queryset); returns how many.

    Their feedback links go, and a missed-sessions follow-up about them keeps only its counts.
    """
    rows = [_scrub(booking, now) for booking in bookings.filter(anonymised_at__isnull=True)]
    ids = [row.pk for row in rows]
    emails = {row.email.lower() for row in bookings.model.objects.filter(pk__in=ids)}
    FeedbackInvitation.objects.filter(booking_id__in=ids).delete()
    follow_ups = MissedSessionsFollowUp.objects.filter(anonymised_at__isnull=True).filter(
        last_booking_id__in=ids
    ) | MissedSessionsFollowUp.objects.filter(anonymised_at__isnull=True, email__in=emails)
    for follow_up in follow_ups:
        follow_up.name = REMOVED
        follow_up.email = anonymised_address(follow_up)
        follow_up.note = ""
        follow_up.anonymised_at = now
        follow_up.save(update_fields=["name", "email", "note", "anonymised_at"])
    return records_anonymise(
        Booking, rows, SCRUBBED_FIELDS, emails_of=lambda ids: BookingEmail.objects.filter(booking_id__in=ids)
    )


def waiting_entries_anonymise(entries, *, now):
    rows = [_scrub(entry, now) for entry in entries.filter(anonymised_at__isnull=True)]
    return records_anonymise(
        WaitingListEntry,
        rows,
        SCRUBBED_FIELDS,
        emails_of=lambda ids: WaitingListEmail.objects.filter(entry_id__in=ids),
    )
