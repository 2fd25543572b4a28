"""The fixed choices of the booking models, shared by models, forms, services and the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    STUDENTS = "students", _("Students")
    PARENTS = "parents", _("Parents and guardians")
    FAMILIES = "families", _("Families (young people with their parents)")


class OfferingKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual appointment")
    GROUP = "group", _("Group session")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Topic(models.TextChoices):
    SCHOOL = "school", _("School and learning")
    FRIENDS = "friends", _("Friends and getting along")
    FAMILY = "family", _("Family")
    FEELINGS = "feelings", _("Feelings and stress")
    BULLYING = "bullying", _("Bullying")
    CHANGES = "changes", _("A big change, such as moving school")
    OTHER = "other", _("Something else")


class ContactChannel(models.TextChoices):
    """How the counselor may reach someone in person; the site itself only ever sends email."""

    EMAIL = "email", _("Email only")
    PHONE = "phone", _("A phone call from the counselor")
    WHATSAPP = "whatsapp", _("A WhatsApp message from the counselor")


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Held until confirmed by email")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


class BookingEmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Booking confirmed")
    CANCELLATION = "cancellation", _("Booking cancelled")
    CANCELLED_BY_STAFF = "cancelled_by_staff", _("Booking cancelled by staff")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled by staff")
    SESSION_CHANGED = "session_changed", _("Session changed by staff")
    MOVED = "moved", _("Moved to another time by the person")
    REMINDER = "reminder", _("Reminder")
    ALREADY_BOOKED = "already_booked", _("Asked again: already booked")
    CONFIRM_REQUEST = "confirm_request", _("Asked to confirm by email")
    FEEDBACK_REQUEST = "feedback_request", _("After the session: how did it go?")
    MISSED_SESSIONS = "missed_sessions", _("After missed sessions: we are still here")


class WaitingListMode(models.TextChoices):
    OFF = "off", _("No waiting list")
    IN_TURN = "in_turn", _("Offer a freed place to the first in line")
    EVERYONE = "everyone", _("Tell everyone waiting; the first to book gets the place")


class WaitingListStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Place offered")
    BOOKED = "booked", _("Booked")
    EXPIRED = "expired", _("Offer expired")
    LEFT = "left", _("Left the list")
    CLOSED = "closed", _("Session cancelled")


# A place that is still to come: confirmed, or held until the person confirms by email.
UPCOMING_STATUSES = [BookingStatus.PENDING, BookingStatus.CONFIRMED]
OPEN_WAITING_STATUSES = [WaitingListStatus.WAITING, WaitingListStatus.OFFERED]


class WaitingListEmailKind(models.TextChoices):
    JOINED = "joined", _("On the waiting list")
    OFFER = "offer", _("Place offered")
    PLACE_FREE = "place_free", _("A place is free")
    EXPIRED = "expired", _("Offer expired")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled by staff")
