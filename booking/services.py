"""Every change to a booking or a session goes through these functions.

Views, the Wagtail admin and management commands call them; each rule is checked inside
the database transaction that makes the change, with the session row locked first.
Emails are written as Notification rows in the same transaction and sent after commit.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.log_actions import log

from booking.models import (
    UNDER_18,
    Booking,
    BookingStatus,
    Closure,
    ContactChannel,
    Counselor,
    Notification,
    NotificationKind,
    NotificationStatus,
    OfferingKind,
    Session,
    SessionStatus,
)
from booking.tasks import send_notification
from core.localtime import local_zone


class BookingError(Exception):
    """A broken booking rule, with a message the person can read."""

    def __init__(self, message, *, code, field=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    age_group: str
    phone: str = ""
    school_class: str = ""
    guardian_name: str = ""
    guardian_contact: str = ""
    guardian_consent: bool = False
    topic: str = ""
    contact_channel: str = ContactChannel.EMAIL


def session_booking_problem(session, *, now):
    """Why this session cannot be booked right now, or None. Does not look at places."""
    offering = session.offering
    if session.status != SessionStatus.SCHEDULED or not offering.is_active:
        return BookingError(
            _("This session has been cancelled. Please choose another time."), code="cancelled"
        )
    if session.start <= now:
        return BookingError(_("This time has already passed. Please choose another time."), code="past")
    if session.start < now + datetime.timedelta(hours=offering.minimum_notice_hours):
        return BookingError(
            ngettext_lazy(
                "Bookings close %(hours)d hour before the start. Please choose a later time.",
                "Bookings close %(hours)d hours before the start. Please choose a later time.",
                offering.minimum_notice_hours,
            )
            % {"hours": offering.minimum_notice_hours},
            code="notice",
        )
    if session.start > now + datetime.timedelta(days=offering.booking_horizon_days):
        return BookingError(
            _("This time is too far ahead to book yet. Please choose an earlier time."), code="horizon"
        )
    local_day = session.start.astimezone(local_zone()).date()
    if Closure.objects.filter(start_date__lte=local_day, end_date__gte=local_day).exists():
        return BookingError(_("We are closed on that day. Please choose another time."), code="closed")
    return None


def counselor_busy(session):
    """True if the session's counselor is already taken at that time."""
    if session.counselor_id is None:
        return False
    return (
        Session.objects.filter(
            counselor_id=session.counselor_id,
            status=SessionStatus.SCHEDULED,
            start__lt=session.end,
            end__gt=session.start,
        )
        .exclude(pk=session.pk)
        .filter(Q(offering__kind=OfferingKind.GROUP) | Q(booked__gt=0))
        .exists()
    )


def booking_create(*, session_id, person, language, now):
    """Take a place in a session for ``person``, or raise BookingError."""
    email = person.email.strip().lower()
    if person.age_group in UNDER_18 and not (
        person.guardian_consent and person.guardian_name and person.guardian_contact
    ):
        raise BookingError(
            _("For anyone under 18, a parent or guardian must give their name, contact and consent."),
            code="guardian",
            field="guardian_consent",
        )
    try:
        with transaction.atomic():
            session = (
                Session.objects.select_for_update(of=("self",))
                .select_related("offering")
                .filter(pk=session_id)
                .first()
            )
            if session is None:
                raise BookingError(
                    _("That time is no longer available. Please choose another."),
                    code="missing",
                    field="session",
                )
            problem = session_booking_problem(session, now=now)
            if problem:
                problem.field = "session"
                raise problem
            taken = session.bookings.exclude(status=BookingStatus.CANCELLED).count()
            if taken >= session.places:
                raise BookingError(
                    _("Sorry, this session has just filled up. Please choose another time."),
                    code="full",
                    field="session",
                )
            if session.bookings.exclude(status=BookingStatus.CANCELLED).filter(email__iexact=email).exists():
                raise BookingError(
                    _("You already have a place in this session. Check your email for the details."),
                    code="duplicate",
                    field="email",
                )
            if session.offering.kind == OfferingKind.INDIVIDUAL and session.counselor_id:
                # Serialise every booking of this counselor, then look for overlaps.
                Counselor.objects.select_for_update().filter(pk=session.counselor_id).first()
                if counselor_busy(session):
                    raise BookingError(
                        _("The counselor is no longer free at that time. Please choose another time."),
                        code="counselor_busy",
                        field="session",
                    )
            booking = Booking.objects.create(
                session=session,
                name=person.name.strip(),
                email=email,
                phone=person.phone.strip(),
                school_class=person.school_class.strip(),
                age_group=person.age_group,
                guardian_name=person.guardian_name.strip() if person.age_group in UNDER_18 else "",
                guardian_contact=person.guardian_contact.strip() if person.age_group in UNDER_18 else "",
                guardian_consent=person.guardian_consent if person.age_group in UNDER_18 else False,
                topic=person.topic,
                contact_channel=person.contact_channel,
                language=language,
                privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
                consented_at=now,
            )
            Session.objects.filter(pk=session.pk).update(booked=F("booked") + 1)
            log(instance=booking, action="booking.booked_online")
            _notify(booking, NotificationKind.CONFIRMATION)
    except IntegrityError as error:
        # A constraint caught what the checks above could not see (a concurrent writer).
        raise BookingError(
            _(
                "Sorry, this session has just filled up or you already have a place. Please choose another time."
            ),
            code="conflict",
            field="session",
        ) from error
    return booking


def booking_cancel(*, booking_id, now, user=None):
    """Cancel a booking. People may cancel until the cutoff; staff (``user``) at any time."""
    session_id = Booking.objects.values_list("session_id", flat=True).get(pk=booking_id)
    with transaction.atomic():
        # Session first, then booking: the same order as booking_create and session_cancel.
        session = (
            Session.objects.select_for_update(of=("self",)).select_related("offering").get(pk=session_id)
        )
        booking = Booking.objects.select_for_update().get(pk=booking_id)
        if booking.status != BookingStatus.CONFIRMED:
            raise BookingError(_("This booking is already cancelled or over."), code="not_active")
        if user is None:
            cutoff = session.start - datetime.timedelta(hours=session.offering.cancellation_cutoff_hours)
            if now >= cutoff:
                raise BookingError(
                    _("It is too late to cancel online. Please contact us so we can free the place."),
                    code="cutoff",
                )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.calendar_sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "calendar_sequence", "updated_at"])
        Session.objects.filter(pk=session.pk).update(booked=F("booked") - 1)
        log(
            instance=booking,
            action="booking.cancelled_by_staff" if user else "booking.cancelled_online",
            user=user,
        )
        _notify(booking, NotificationKind.CANCELLATION)
    return booking


def booking_mark(*, booking_id, status, user, now):
    """Staff record whether the person came. Only for sessions that have started."""
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        raise BookingError(_("Choose attended or did not come."), code="invalid_status")
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking_id)
        if booking.status == BookingStatus.CANCELLED:
            raise BookingError(_("A cancelled booking cannot be marked."), code="not_active")
        if booking.session.start > now:
            raise BookingError(
                _("Attendance can be recorded once the session has started."), code="too_early"
            )
        previous = booking.status
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
        log(
            instance=booking,
            action="booking.attended" if status == BookingStatus.ATTENDED else "booking.no_show",
            user=user,
            data={"previous": previous},
        )
    return booking


def session_cancel(*, session_id, user, now, note=""):
    """Staff cancel a whole session; everyone booked is told by email."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session_id)
        if session.status == SessionStatus.CANCELLED:
            raise BookingError(_("This session is already cancelled."), code="cancelled")
        if session.end <= now:
            raise BookingError(_("A session that has ended cannot be cancelled."), code="past")
        bookings = list(session.bookings.select_for_update().filter(status=BookingStatus.CONFIRMED))
        for booking in bookings:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.calendar_sequence += 1
            booking.save(update_fields=["status", "cancelled_at", "calendar_sequence", "updated_at"])
            log(instance=booking, action="booking.session_cancelled", user=user)
            _notify(booking, NotificationKind.SESSION_CANCELLED)
        session.status = SessionStatus.CANCELLED
        session.is_overridden = True
        session.needs_attention = False
        session.booked = 0
        session.cancellation_note = note
        session.save(
            update_fields=["status", "is_overridden", "needs_attention", "booked", "cancellation_note"]
        )
        log(instance=session, action="booking.session_cancelled", user=user, data={"bookings": len(bookings)})
    return session, len(bookings)


def session_staff_update(*, session, changed_fields, user):
    """Save a staff edit of a session (time, counselor, places) without touching its bookings.

    Only the edited fields are written, under the row lock, so a booking made while the
    form was open is never overwritten; the session is then left alone by regeneration.
    """
    if not changed_fields:
        return session
    with transaction.atomic():
        current = Session.objects.select_for_update().get(pk=session.pk)
        if session.places < current.booked:
            raise BookingError(
                ngettext_lazy(
                    "%(count)d place is already taken; places cannot be fewer.",
                    "%(count)d places are already taken; places cannot be fewer.",
                    current.booked,
                )
                % {"count": current.booked},
                code="places_below_booked",
                field="places",
            )
        session.is_overridden = True
        session.needs_attention = False
        session.save(update_fields=[*changed_fields, "is_overridden", "needs_attention"])
        log(instance=session, action="wagtail.edit", user=user, content_changed=True)
    return session


def booking_staff_update(*, booking, changed_fields, user):
    """Save a staff correction of a person's details; status changes go through their own functions."""
    if not changed_fields:
        return booking
    with transaction.atomic():
        Booking.objects.select_for_update().filter(pk=booking.pk).first()
        if "email" in changed_fields:
            booking.email = booking.email.strip().lower()
        booking.save(update_fields=[*changed_fields, "updated_at"])
        log(instance=booking, action="wagtail.edit", user=user, content_changed=True)
    return booking


def _notify(booking, kind):
    notification = Notification.objects.create(booking=booking, kind=kind)
    transaction.on_commit(lambda: send_notification.enqueue(notification.pk))


def notifications_retry(*, now, stale_after_minutes=15):
    """Queue again the emails that failed, or that have waited too long, within the attempt limit."""
    stale = now - datetime.timedelta(minutes=stale_after_minutes)
    due = Notification.objects.filter(attempts__lt=settings.BOOKING_EMAIL_MAX_ATTEMPTS).filter(
        status=NotificationStatus.FAILED
    ) | Notification.objects.filter(status=NotificationStatus.PENDING, created_at__lt=stale)
    ids = list(due.values_list("pk", flat=True))
    for notification_id in ids:
        send_notification.enqueue(notification_id)
    return len(ids)
