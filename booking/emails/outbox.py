"""Emails owed to people: written in the caller's transaction, queued after it commits (core.outbox)."""

from booking.models import UPCOMING_STATUSES, BookingEmail, BookingEmailKind, WaitingListEmail
from core.outbox import outbox_create


def booking_email_create(booking, kind, **fields):
    """Owe ``booking``'s person an email; it is queued only if the surrounding transaction commits.

    Someone staff added without an email address (a walk-in) is sent nothing: None.
    """
    if not booking.email:
        return None
    return outbox_create(BookingEmail, booking=booking, kind=kind, **fields)


def waiting_list_email_create(entry, kind):
    """Owe someone on a waiting list an email, queued once the surrounding transaction commits."""
    return outbox_create(WaitingListEmail, entry=entry, kind=kind)


def bookings_tell_session_changed(session):
    """Everyone with a place, held ones too, gets the new details; a confirmed place an updated
    calendar entry (same UID)."""
    bookings = list(session.bookings.select_for_update().filter(status__in=UPCOMING_STATUSES))
    for booking in bookings:
        booking.calendar_sequence += 1
        booking.save(update_fields=["calendar_sequence", "updated_at"])
        booking_email_create(booking, BookingEmailKind.SESSION_CHANGED)
    return len(bookings)
