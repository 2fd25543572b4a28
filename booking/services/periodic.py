"""What booking does by the clock: reminders, offers that ran out, too few people, feedback links.

Each step is registered with ``core.periodic`` (booking's ``ready()``), which runs every app's
steps from cron or the periodic task; each step is safe to run twice.
"""

import datetime

from wagtail.log_actions import log

from booking.models import OfferingKind, Session, SessionStatus
from booking.services.bookings import session_cancel
from booking.services.follow_up import feedback_requests_send_due
from booking.services.holds import holds_release_due
from booking.services.places import lock_session, places_taken
from booking.services.reminders import reminders_send_due
from booking.services.waitlist import waitlist_expire_due
from core.transactions import locked_transaction

# Offering.minimum_decision_hours is at most two weeks.
LONGEST_DECISION = datetime.timedelta(days=14)


def sessions_to_check_for_minimum(*, now):
    """Group sessions with a minimum whose decision time has come and that have not been decided yet."""
    candidates = Session.objects.filter(
        status=SessionStatus.SCHEDULED,
        offering__kind=OfferingKind.GROUP,
        offering__minimum_participants__isnull=False,
        minimum_checked_at__isnull=True,
        start__gt=now,
        start__lte=now + LONGEST_DECISION,
    ).values_list("pk", "start", "offering__minimum_decision_hours")
    return [pk for pk, start, hours in candidates if start - datetime.timedelta(hours=hours) <= now]


def session_check_minimum(session_id, *, now):
    """Cancel the session if fewer people are booked than its minimum (everyone booked and waiting is told).

    Decided once: a session that had enough people is not cancelled by a late cancellation.
    Returns True if it was cancelled.
    """
    with locked_transaction():
        session = lock_session(session_id)
        if session.status != SessionStatus.SCHEDULED or session.minimum_checked_at is not None:
            return False
        session.minimum_checked_at = now
        session.save(update_fields=["minimum_checked_at"])
        minimum = session.offering.minimum_participants
        if places_taken(session) >= minimum:
            return False
        # The history entry says why, in the reader's language; the note field is for staff's own words.
        session_cancel(session_id=session.pk, user=None, now=now)
        log(instance=session, action="booking.minimum_not_reached", data={"minimum": minimum})
    return True


def sessions_cancel_below_minimum(*, now):
    return sum(session_check_minimum(pk, now=now) for pk in sessions_to_check_for_minimum(now=now))


# (name in the run's counts, step), in the order they run.
STEPS = [
    ("reminders", reminders_send_due),
    ("holds_released", holds_release_due),
    ("offers_passed_on", waitlist_expire_due),
    ("cancelled_below_minimum", sessions_cancel_below_minimum),
    ("feedback_requests", feedback_requests_send_due),
]
