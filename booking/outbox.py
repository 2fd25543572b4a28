"""Emails owed to people: written in the caller's transaction, queued after it commits."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log

from booking.models import BookingStatus, Notification, NotificationKind, NotificationStatus
from booking.tasks import send_notification


def notification_create(booking, kind):
    """Owe ``booking``'s person an email; it is queued only if the surrounding transaction commits."""
    notification = Notification.objects.create(booking=booking, kind=kind)
    transaction.on_commit(lambda: send_notification.enqueue(notification.pk))
    return notification


def notifications_due(*, now):
    """Emails to queue again: failed ones whose backoff has passed, and ones that waited or stalled too long."""
    stale = now - datetime.timedelta(minutes=settings.BOOKING_EMAIL_STALE_MINUTES)
    return Notification.objects.filter(attempts__lt=settings.BOOKING_EMAIL_MAX_ATTEMPTS).filter(
        Q(status=NotificationStatus.FAILED, next_attempt_at__lte=now)
        | Q(status=NotificationStatus.PENDING, created_at__lt=stale)
        # A worker that stopped mid-send never recorded the outcome: count it as a failed attempt.
        | Q(status=NotificationStatus.SENDING, claimed_at__lt=stale)
    )


def notifications_retry(*, now):
    """Queue again what is due (run every few minutes from cron). Returns how many."""
    due = notifications_due(now=now)
    ids = list(due.values_list("pk", flat=True))
    due.filter(pk__in=ids, status=NotificationStatus.SENDING).update(
        status=NotificationStatus.FAILED, next_attempt_at=now
    )
    for notification_id in ids:
        send_notification.enqueue(notification_id)
    return len(ids)


def notification_send_again(*, notification_id, user):
    """Staff send a failed email again, even after the last automatic attempt. False if it has not failed."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != NotificationStatus.FAILED:
            return False
        notification.status = NotificationStatus.PENDING
        notification.attempts = 0
        notification.next_attempt_at = None
        notification.save(update_fields=["status", "attempts", "next_attempt_at"])
        log(instance=notification, action="booking.email_send_again", user=user)
        transaction.on_commit(lambda: send_notification.enqueue(notification.pk))
    return True


def bookings_tell_session_changed(session):
    """Everyone with a confirmed place gets the new details and an updated calendar entry (same UID)."""
    bookings = list(session.bookings.select_for_update().filter(status=BookingStatus.CONFIRMED))
    for booking in bookings:
        booking.calendar_sequence += 1
        booking.save(update_fields=["calendar_sequence", "updated_at"])
        notification_create(booking, NotificationKind.SESSION_CHANGED)
    return len(bookings)
