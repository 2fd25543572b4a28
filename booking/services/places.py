"""Taking a place: the transaction discipline every booking write follows, and the steps they share.

Lock waits are bounded and the session row is locked first. Places are counted here from
the rows themselves, under the session's lock: bookings that hold a place, and places
offered to someone on the waiting list.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError
from django.utils.translation import gettext_lazy as _

from booking.emails.outbox import booking_email_create
from booking.models import (
    Booking,
    BookingEmailKind,
    BookingStatus,
    Counselor,
    Offering,
    OfferingKind,
    Session,
    WaitingListEntry,
    WaitingListStatus,
)
from booking.rules import (
    booking_problem,
    closed_local_days,
    counselor_calendar,
)
from core.audit import log_private
from core.errors import RuleError
from core.people import UNDER_18

logger = logging.getLogger(__name__)

# The only constraint a concurrent booking can trip; any other IntegrityError is a bug, not a race.
RACE_CONSTRAINT = "booking_one_active_per_email_and_session"


# THE LOCK ORDER, everywhere a booking write locks rows: the offering, then its sessions (in id
# order), then the counselor, then bookings and waiting-list entries. Staff saving an offering
# hold its row first too (Wagtail updates it, then its sessions are told), so the two can never
# wait on each other (pretix's base/services/locking.py keeps one order the same way).


def lock_offerings(offering_ids):
    list(Offering.objects.select_for_update().filter(pk__in=sorted(set(offering_ids))).order_by("pk"))


def lock_session(session_id):
    """The session, locked after its offering (see THE LOCK ORDER)."""
    lock_offerings(Session.objects.filter(pk=session_id).values_list("offering_id", flat=True))
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("offering", "counselor")
        .filter(pk=session_id)
        .first()
    )


def lock_sessions(session_ids):
    """{id: session}, locked in id order after their offerings, so that two writers can never wait on each other."""
    lock_offerings(Session.objects.filter(pk__in=session_ids).values_list("offering_id", flat=True))
    return {
        session.pk: session
        for session in Session.objects.select_for_update(of=("self",))
        .select_related("offering", "counselor")
        .filter(pk__in=sorted(set(session_ids)))
        .order_by("pk")
    }


def places_taken(session):
    return Booking.objects.taking_a_place().filter(session=session).count()


def places_offered(session):
    return WaitingListEntry.objects.filter(session=session, status=WaitingListStatus.OFFERED).count()


def counselor_facts(session):
    """The counselor's other commitments and weekly load, read after locking the counselor's row.

    The lock serialises every booking of one counselor, so the weekly cap and double-booking
    checks see each other's rows.
    """
    if session.offering.kind != OfferingKind.INDIVIDUAL or not session.counselor_id:
        return {}, {}
    Counselor.objects.select_for_update().filter(pk=session.counselor_id).first()
    return counselor_calendar([session.counselor_id], start=session.start, end=session.end)


PERSON_FIELDS = [
    "name",
    "people_coming",
    "email",
    "phone",
    "school_class",
    "age_group",
    "guardian_name",
    "guardian_contact",
    "guardian_consent",
    "topic",
    "contact_channel",
]


def person_fields(person):
    """The columns of a booking or waiting-list entry for ``person``: guardian details only for under-18s."""
    under_18 = person.age_group in UNDER_18
    return {
        "name": person.name.strip(),
        "email": person.email.strip().lower(),
        "phone": person.phone.strip(),
        "school_class": person.school_class.strip(),
        "people_coming": person.people_coming,
        "age_group": person.age_group,
        "guardian_name": person.guardian_name.strip() if under_18 else "",
        "guardian_contact": person.guardian_contact.strip() if under_18 else "",
        "guardian_consent": person.guardian_consent if under_18 else False,
        "topic": person.topic,
        "contact_channel": person.contact_channel,
    }


def session_problem(session, *, now, offered_to_others, ignore_places=False, by_staff=False):
    """booking_problem for a locked session, with the facts gathered under its lock.

    ``offered_to_others``: places offered on the waiting list to someone other than this person.
    ``ignore_places``: judge everything but free places (may its waiting list be joined?).
    ``by_staff``: staff adding someone, who may do so outside the online booking window.
    """
    commitments, week_loads = counselor_facts(session)
    problem = booking_problem(
        session,
        now=now,
        places_taken=0 if ignore_places else places_taken(session) + offered_to_others,
        closed_days=closed_local_days(session.start, session.start),
        commitments=commitments,
        week_loads=week_loads,
        by_staff=by_staff,
    )
    if problem:
        problem.field = "session"
    return problem


def open_booking_limit_reached(session, email, *, now):
    """Whether ``email`` already holds as many upcoming bookings of this offering as one person may.

    The offering's row is locked first, so two bookings of different sessions by the same
    address cannot both slip under the limit.
    """
    limit = session.offering.open_bookings_per_person
    if not limit:
        return False
    Offering.objects.select_for_update().filter(pk=session.offering_id).first()
    return Booking.objects.upcoming_of(email, offering_id=session.offering_id, now=now).count() >= limit


def person_may_take_another_place(session, email, *, now):
    """Raise RuleError if this email has a place in the session, or as many upcoming ones as one may hold."""
    if Booking.objects.taking_a_place().filter(session=session, email__iexact=email).exists():
        raise RuleError(
            _("You already have a place in this session. Check your email for the details."),
            code="duplicate",
            field="email",
        )
    if open_booking_limit_reached(session, email, now=now):
        raise RuleError(
            _(
                "You already have an upcoming booking for this. Use the link in its email to move it, "
                "or cancel it first."
            ),
            code="open_booking_limit",
            field="email",
        )


def booking_insert(
    session,
    fields,
    *,
    now,
    language,
    consented_at,
    action,
    privacy_notice_version=None,
    hold_minutes=None,
    user=None,
    tell_person=True,
):
    """Write the booking row and its confirmation email; the caller holds the session lock and checked the rules.

    With ``hold_minutes`` the place is only held: the email asks the person to confirm it
    (booking.services.holds) within that many minutes. ``user``: the staff member who added
    it, in its history. Someone without an email (a walk-in) is counted per session only.
    """
    if fields["email"]:
        person_may_take_another_place(session, fields["email"], now=now)
    try:
        booking = Booking.objects.create(
            session=session,
            status=BookingStatus.PENDING if hold_minutes else BookingStatus.CONFIRMED,
            confirm_by=now + datetime.timedelta(minutes=hold_minutes) if hold_minutes else None,
            language=language,
            privacy_notice_version=privacy_notice_version or settings.RANGKUL_PRIVACY_NOTICE_VERSION,
            consented_at=consented_at,
            **fields,
        )
    except IntegrityError as error:
        if RACE_CONSTRAINT not in str(error):
            logger.error("Booking refused by an unexpected database constraint (%s).", type(error).__name__)
            raise
        raise RuleError(
            _("You already have a place in this session. Check your email for the details."),
            code="duplicate",
            field="email",
        ) from error
    log_private(booking, action, user=user)
    if tell_person:
        booking_email_create(
            booking, BookingEmailKind.CONFIRM_REQUEST if hold_minutes else BookingEmailKind.CONFIRMATION
        )
    return booking
