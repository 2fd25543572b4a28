"""Places held until the person confirms by email, for offerings that ask for it.

A typed-in address cannot fill slots or book in someone else's name: the place becomes
final only when the link in the email is followed and confirmed, and goes back (to the
waiting list first) when the time to confirm runs out.
"""

from django.utils.translation import gettext_lazy as _

from booking.emails.outbox import booking_email_create
from booking.models import Booking, BookingEmailKind, BookingStatus
from booking.services import places, waitlist
from core.audit import log_private
from core.errors import RuleError
from core.transactions import locked_transaction


def booking_confirm(*, booking_id, now):
    """Make a held place final. Confirming twice is harmless; a hold that ran out cannot be confirmed."""
    session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
    with locked_transaction():
        places.lock_session(session_id)
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        if booking.status == BookingStatus.CONFIRMED:
            return booking
        if booking.status != BookingStatus.PENDING or booking.confirm_by <= now:
            raise RuleError(
                _(
                    "The time to confirm has run out, so the place was given back. You are welcome to book again."
                ),
                code="hold_expired",
            )
        booking.status = BookingStatus.CONFIRMED
        booking.confirm_by = None
        booking.save(update_fields=["status", "confirm_by", "updated_at"])
        log_private(booking, "booking.confirmed_by_email")
        booking_email_create(booking, BookingEmailKind.CONFIRMATION)
    return booking


def holds_release_due(*, now, session_id=None):
    """Give back every place whose time to confirm has run out; the number given back."""
    due = Booking.objects.filter(status=BookingStatus.PENDING, confirm_by__lte=now)
    if session_id is not None:
        due = due.filter(session_id=session_id)
    released = 0
    for booking_id, booking_session_id in due.values_list("pk", "session_id"):
        with locked_transaction():
            session = places.lock_session(booking_session_id)
            booking = Booking.objects.select_for_update().get(pk=booking_id)
            if booking.status != BookingStatus.PENDING or booking.confirm_by > now:
                continue
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.save(update_fields=["status", "cancelled_at", "updated_at"])
            log_private(booking, "booking.hold_released")
            waitlist.waitlist_advance(session, now=now, place_freed=True)
            released += 1
    return released
