"""Emails owed to people: written in the caller's transaction, queued after it commits."""

from django.db import transaction

from booking.models import UPCOMING_STATUSES, Notification, NotificationKind, WaitingListEmail
from booking.tasks import send_notification, send_waiting_list_email


def notification_create(booking, kind, **fields):
    """Owe ``booking``'s person an email; it is queued only if the surrounding transaction commits."""
    notification = Notification.objects.create(booking=booking, kind=kind, **fields)
    transaction.on_commit(lambda: send_notification.enqueue(notification.pk))
    return notification


def waiting_list_email_create(entry, kind):
    """Owe someone on a waiting list an email, queued once the surrounding transaction commits."""
    email = WaitingListEmail.objects.create(entry=entry, kind=kind)
    transaction.on_commit(lambda: send_waiting_list_email.enqueue(email.pk))
    return email


def bookings_tell_session_changed(session):
    """Everyone with a place, held ones too, gets the new details; a confirmed place an updated
    calendar entry (same UID)."""
    bookings = list(session.bookings.select_for_update().filter(status__in=UPCOMING_STATUSES))
    for booking in bookings:
        booking.calendar_sequence += 1
        booking.save(update_fields=["calendar_sequence", "updated_at"])
        notification_create(booking, NotificationKind.SESSION_CHANGED)
    return len(bookings)
