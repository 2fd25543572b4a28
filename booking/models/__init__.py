"""What can be booked, when, and by whom.

Models stay declarative: the rules live in ``booking/services/bookings.py`` and ``booking/services/waitlist.py``
(writes), ``booking/services/scheduling.py`` (sessions from schedules) and ``booking/selectors.py``
(reads). Rules that must always hold are also database constraints.
"""

from booking.models.catalog import Closure, Counselor, Offering, Schedule
from booking.models.choices import (
    OPEN_WAITING_STATUSES,
    UPCOMING_STATUSES,
    Audience,
    BookingEmailKind,
    BookingStatus,
    ContactChannel,
    OfferingKind,
    SessionStatus,
    Topic,
    WaitingListEmailKind,
    WaitingListMode,
    WaitingListStatus,
)
from booking.models.feeds import CalendarFeed, CalendarFeedSettings
from booking.models.follow_up import (
    FEEDBACK_ITEMS,
    FeedbackInvitation,
    FeedbackScore,
    FollowUpSettings,
    MissedReason,
    MissedSessionsFollowUp,
    SessionFeedback,
)
from booking.models.sessions import (
    Booking,
    BookingEmail,
    BookingQuerySet,
    PersonDetails,
    Session,
    SessionQuerySet,
)
from booking.models.waitlist import WaitingListEmail, WaitingListEntry

__all__ = [
    "CalendarFeed",
    "CalendarFeedSettings",
    "FEEDBACK_ITEMS",
    "FeedbackInvitation",
    "FeedbackScore",
    "FollowUpSettings",
    "MissedReason",
    "MissedSessionsFollowUp",
    "SessionFeedback",
    "OPEN_WAITING_STATUSES",
    "UPCOMING_STATUSES",
    "Audience",
    "Booking",
    "BookingQuerySet",
    "BookingStatus",
    "Closure",
    "ContactChannel",
    "Counselor",
    "BookingEmail",
    "BookingEmailKind",
    "Offering",
    "OfferingKind",
    "PersonDetails",
    "Schedule",
    "Session",
    "SessionQuerySet",
    "SessionStatus",
    "Topic",
    "WaitingListEmail",
    "WaitingListEmailKind",
    "WaitingListEntry",
    "WaitingListMode",
    "WaitingListStatus",
]
