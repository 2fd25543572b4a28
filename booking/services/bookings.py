"""Every change to a booking or a session goes through these functions.

Views, the Wagtail admin and management commands call them; each rule is checked inside
the database transaction that makes the change, with the session row locked first and
the places counted from the booking rows under that lock. Emails are written as
BookingEmail rows in the same transaction and sent after commit.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from booking import availability
from booking.emails.outbox import booking_email_create, bookings_tell_session_changed
from booking.models import (
    UPCOMING_STATUSES,
    Booking,
    BookingEmailKind,
    BookingStatus,
    ContactChannel,
    Session,
    SessionStatus,
)
from booking.rules import (
    change_cutoff,
    staff_may_cancel,
    staff_may_cancel_session,
    staff_may_record_attendance,
)
from booking.services import follow_up, holds, places, waitlist
from booking.services.places import (
    booking_insert,
    person_fields,
    places_offered,
    places_taken,
    session_problem,
)
from core.audit import log_private
from core.errors import RuleError
from core.people import guardian_problem
from core.transactions import locked_transaction

SESSION_FIELDS_PEOPLE_SEE = {"start", "end", "counselor"}


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    age_group: str
    phone: str = ""
    school_class: str = ""
    people_coming: int = 1
    guardian_name: str = ""
    guardian_contact: str = ""
    guardian_consent: bool = False
    topic: str = ""
    contact_channel: str = ContactChannel.EMAIL


def booking_create(*, session_id, person, language, now, added_by=None, tell_person=True):
    """Take a place in a session for ``person``, or raise RuleError.

    ``added_by``: the staff member adding someone (a walk-in, a phone call, a referral), under
    every rule but the online booking window; ``tell_person`` then says whether they get the
    confirmation (never without an email). The history says who added them.
    """
    problem = guardian_problem(person)
    if problem:
        raise problem
    # Holds and offers that ran out go back before anyone else may book.
    holds.holds_release_due(now=now, session_id=session_id)
    waitlist.waitlist_pass_on_expired(session_id, now=now)
    by_staff = added_by is not None
    with locked_transaction():
        session = places.lock_session(session_id)
        if session is None:
            raise RuleError(
                _("That time is no longer available. Please choose another."), code="missing", field="session"
            )
        problem = session_problem(
            session, now=now, offered_to_others=places_offered(session), by_staff=by_staff
        )
        if problem:
            raise problem
        return booking_insert(
            session,
            person_fields(person),
            now=now,
            language=language,
            consented_at=now,
            action="booking.added_by_staff" if by_staff else "booking.booked_online",
            hold_minutes=None if by_staff else session.offering.confirm_within_minutes,
            user=added_by,
            tell_person=tell_person and bool(person.email.strip()),
        )


def booking_tell_already_booked(*, session_id, email, now):
    """Someone asked to book with an email that has a place: tell that address, never the person asking.

    The place is the one in this session or, when the offering allows one upcoming booking
    per person, the upcoming one. The booking form answers exactly as for a new booking, so
    it never reveals whether an email is booked. Returns the email owed, or None if the
    place has gone meanwhile.
    """
    offering_id = Session.objects.values_list("offering_id", flat=True).get(pk=session_id)
    with locked_transaction():
        booking = (
            Booking.objects.taking_a_place()
            .filter(session_id=session_id, email__iexact=email.strip())
            .select_for_update()
            .first()
        ) or (
            Booking.objects.upcoming_of(email, offering_id=offering_id, now=now)
            .select_for_update(of=("self",))
            .first()
        )
        if booking is None:
            return None
        return booking_email_create(booking, BookingEmailKind.ALREADY_BOOKED)


def booking_cancel(*, booking_id, now, user=None, tell_person=True):
    """Cancel a booking. People may cancel until the cutoff; staff (``user``) at any time.

    ``tell_person=False`` is for an erasure: the freed place still goes to the waiting list,
    but nothing is sent to an address that is about to be removed.
    """
    session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
    with locked_transaction():
        # Session first, then booking: the same order as booking_create and session_cancel.
        session = places.lock_session(session_id)
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        if not staff_may_cancel(booking):
            raise RuleError(_("This booking is already cancelled or over."), code="not_active")
        if user is None and now >= change_cutoff(session):
            raise RuleError(
                _("It is too late to cancel online. Please contact us so we can free the place."),
                code="cutoff",
            )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.calendar_sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "calendar_sequence", "updated_at"])
        log_private(
            booking,
            "booking.cancelled_by_staff" if user else "booking.cancelled_online",
            user=user,
        )
        if tell_person:
            booking_email_create(
                booking, BookingEmailKind.CANCELLED_BY_STAFF if user else BookingEmailKind.CANCELLATION
            )
        waitlist.waitlist_advance(session, now=now, place_freed=True)
    return booking


def booking_mark(*, booking_id, status, user, now):
    """Staff record whether the person came. Only for sessions that have started."""
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        raise RuleError(_("Choose attended or did not come."), code="invalid_status")
    with locked_transaction():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking_id)
        if not staff_may_record_attendance(booking, now=now):
            if booking.is_cancelled:
                raise RuleError(_("A cancelled booking cannot be marked."), code="not_active")
            raise RuleError(_("Attendance can be recorded once the session has started."), code="too_early")
        previous = booking.status
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
        log_private(
            booking,
            "booking.attended" if status == BookingStatus.ATTENDED else "booking.no_show",
            user=user,
            data={"previous": previous},
        )
        if status == BookingStatus.NO_SHOW and previous != BookingStatus.NO_SHOW:
            follow_up.missed_sessions_check(booking, now=now)
    return booking


def session_cancel(*, session_id, user, now, note=""):
    """Staff cancel a whole session; everyone with a place (or one held for them) and everyone waiting
    is told by email. Returns the session and how many people were emailed."""
    with locked_transaction():
        session = places.lock_session(session_id)
        if not staff_may_cancel_session(session, now=now):
            if session.end <= now:
                raise RuleError(_("A session that has ended cannot be cancelled."), code="past")
            raise RuleError(_("This session is already cancelled."), code="cancelled")
        bookings = list(session.bookings.select_for_update().filter(status__in=UPCOMING_STATUSES))
        for booking in bookings:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.calendar_sequence += 1
            booking.save(update_fields=["status", "cancelled_at", "calendar_sequence", "updated_at"])
            log_private(booking, "booking.session_cancelled", user=user)
            booking_email_create(booking, BookingEmailKind.SESSION_CANCELLED)
        session.status = SessionStatus.CANCELLED
        session.is_overridden = True
        session.needs_attention = False
        session.cancellation_note = note
        session.save(update_fields=["status", "is_overridden", "needs_attention", "cancellation_note"])
        waiting = waitlist.waitlist_close(session)
        log(
            instance=session,
            action="booking.session_cancelled",
            user=user,
            data={"bookings": len(bookings), "waiting": waiting},
        )
    return session, len(bookings) + waiting


def session_staff_update(*, session, changed_fields, user, now):
    """Save a staff edit of a session (time, counselor, places); people booked are told of a change they see.

    Only the edited fields are written, under the row lock, so a booking made while the
    form was open is never overwritten; the session is then left alone by regeneration.
    """
    if not changed_fields:
        return session
    with locked_transaction():
        places.lock_session(session.pk)
        taken = places_taken(session) + places_offered(session)
        if session.places < taken:
            raise RuleError(
                ngettext(
                    "%(count)d place is already taken; places cannot be fewer.",
                    "%(count)d places are already taken; places cannot be fewer.",
                    taken,
                )
                % {"count": taken},
                code="places_below_taken",
                field="places",
            )
        if "counselor" in changed_fields:
            # The counselor it leaves is free again in their other one-to-one offerings.
            previous = Session.objects.values_list("counselor_id", flat=True).get(pk=session.pk)
            availability.renew_after_commit(counselor_id=previous)
        session.is_overridden = True
        session.needs_attention = False
        session.save(update_fields=[*changed_fields, "is_overridden", "needs_attention"])
        told = 0
        if SESSION_FIELDS_PEOPLE_SEE & set(changed_fields):
            told = bookings_tell_session_changed(session)
        if "places" in changed_fields:
            waitlist.waitlist_advance(session, now=now, place_freed=True)
        log(instance=session, action="wagtail.edit", user=user, content_changed=True, data={"told": told})
    return session


def booking_staff_update(*, booking, changed_fields, user):
    """Save a staff correction of a person's details; status changes go through their own functions."""
    if not changed_fields:
        return booking
    with locked_transaction():
        places.lock_session(booking.session_id)
        Booking.objects.select_for_update().filter(pk=booking.pk).first()
        if "email" in changed_fields:
            booking.email = booking.email.strip().lower()
            if (
                booking.is_active
                and Booking.objects.taking_a_place()
                .filter(session_id=booking.session_id, email__iexact=booking.email)
                .exclude(pk=booking.pk)
                .exists()
            ):
                raise RuleError(
                    _("Someone with this email already has a place in this session."),
                    code="duplicate",
                    field="email",
                )
        booking.save(update_fields=[*changed_fields, "updated_at"])
        log_private(booking, "wagtail.edit", user=user, content_changed=True)
    return booking


OFFERING_FIELDS_PEOPLE_SEE = {"location", "location_en", "is_online", "meeting_link"}


def offering_staff_update(*, offering, changed_fields, now):
    """After staff move an offering (a new place, or online), everyone booked in a coming session is told."""
    if not OFFERING_FIELDS_PEOPLE_SEE & set(changed_fields):
        return 0
    told = 0
    with locked_transaction():
        places.lock_offerings([offering.pk])
        for session in Session.objects.select_for_update().filter(
            offering=offering, status=SessionStatus.SCHEDULED, start__gt=now
        ):
            told += bookings_tell_session_changed(session)
    return told


def booking_reschedule(*, booking_id, new_session_id, now):
    """Move a booking to another session of the same offering in one step, before the cancellation cutoff.

    The new place is taken under its lock before the old one is given up; if the new
    session cannot be booked, nothing changes. The calendar entry keeps its UID and
    raises its SEQUENCE; the person gets an email with the new details.
    """
    old_session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
    waitlist.waitlist_pass_on_expired(new_session_id, now=now)
    with locked_transaction():
        sessions = places.lock_sessions([old_session_id, new_session_id])
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        old, new = sessions[old_session_id], sessions.get(new_session_id)
        if booking.status != BookingStatus.CONFIRMED:
            raise RuleError(_("This booking is already cancelled or over."), code="not_active")
        if now >= change_cutoff(old):
            raise RuleError(
                _("It is too late to change this booking online. Please contact us."), code="cutoff"
            )
        if new is None or new.offering_id != old.offering_id or new.pk == old.pk:
            raise RuleError(
                _("That time is no longer available. Please choose another."), code="missing", field="session"
            )
        problem = session_problem(new, now=now, offered_to_others=places_offered(new))
        if problem:
            raise problem
        if Booking.objects.taking_a_place().filter(session=new, email__iexact=booking.email).exists():
            raise RuleError(_("You already have a place in that session."), code="duplicate", field="session")
        booking.session = new
        booking.calendar_sequence += 1
        booking.save(update_fields=["session", "calendar_sequence", "updated_at"])
        log_private(booking, "booking.rescheduled_online", data={"from": old.pk, "to": new.pk})
        booking_email_create(booking, BookingEmailKind.MOVED)
        waitlist.waitlist_advance(old, now=now, place_freed=True)
    return booking
