"""Waiting lists for full group sessions: join, the offer of a freed place, claim, leave, reorder.

Fair in the way pretix is: a freed place is offered to the first in line and held for them
until the offer runs out (sooner as the session nears, never inside the booking notice
period); nobody can book it ahead of them meanwhile. Offerings that choose "tell everyone"
email everyone waiting instead, and the first to book wins. Every step runs under the
session's row lock, like booking (``booking/services/places.py``), so a freed place is taken once.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from booking.emails.outbox import waiting_list_email_create
from booking.models import (
    OPEN_WAITING_STATUSES,
    Booking,
    SessionStatus,
    WaitingListEmailKind,
    WaitingListEntry,
    WaitingListMode,
    WaitingListStatus,
)
from booking.rules import offer_open
from booking.services.places import (
    PERSON_FIELDS,
    booking_insert,
    lock_session,
    person_fields,
    places_offered,
    places_taken,
    session_problem,
)
from core.audit import log_private
from core.errors import RuleError
from core.people import guardian_problem
from core.transactions import locked_transaction


def offer_deadline(session, *, now):
    """Until when an offer made now stays open, or None when it is too late to offer a place.

    A quarter of the time left before bookings close, between the shortest and longest offer:
    four days ahead gives a day to answer, one day ahead six hours.
    """
    closes = session.start - datetime.timedelta(hours=session.offering.minimum_notice_hours)
    shortest = datetime.timedelta(minutes=settings.BOOKING_WAITLIST_SHORTEST_OFFER_MINUTES)
    longest = datetime.timedelta(hours=settings.BOOKING_WAITLIST_LONGEST_OFFER_HOURS)
    left = closes - now
    if left < shortest:
        return None
    return now + min(longest, max(shortest, left / 4), left)


def _open_entries(session):
    return list(
        WaitingListEntry.objects.select_for_update()
        .filter(session=session, status__in=OPEN_WAITING_STATUSES)
        .order_by("position", "pk")
    )


def waitlist_advance(session, *, now, place_freed=False):
    """Bring a locked session's waiting list up to date: expired offers end, free places are offered.

    In "first in line" mode the next people are offered the free places and hold them. In
    "tell everyone" mode everyone waiting is emailed, but only when a place was just freed
    (``place_freed``), so a booking elsewhere in the session never sends them mail.
    Returns how many people were offered or told.
    """
    offering = session.offering
    if not offering.has_waiting_list:
        return 0
    entries = _open_entries(session)
    for entry in entries:
        if entry.status == WaitingListStatus.OFFERED and entry.offer_expires_at <= now:
            entry.status = WaitingListStatus.EXPIRED
            entry.save(update_fields=["status", "updated_at"])
            log_private(entry, "booking.waiting_offer_expired")
            waiting_list_email_create(entry, WaitingListEmailKind.EXPIRED)
    entries = [entry for entry in entries if entry.is_open]
    waiting = [entry for entry in entries if entry.status == WaitingListStatus.WAITING]
    if session.status != SessionStatus.SCHEDULED or not waiting:
        return 0
    offered = sum(entry.is_offered for entry in entries)
    free = session.places - places_taken(session) - offered
    deadline = offer_deadline(session, now=now)
    if free <= 0 or deadline is None:
        return 0
    if offering.waiting_list == WaitingListMode.EVERYONE:
        if not place_freed:
            return 0
        for entry in waiting:
            waiting_list_email_create(entry, WaitingListEmailKind.PLACE_FREE)
        return len(waiting)
    for entry in waiting[:free]:
        entry.status = WaitingListStatus.OFFERED
        entry.offered_at = now
        entry.offer_expires_at = deadline
        entry.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
        log_private(entry, "booking.waiting_offered")
        waiting_list_email_create(entry, WaitingListEmailKind.OFFER)
    return min(free, len(waiting))


def waitlist_close(session):
    """A locked session was cancelled: everyone still waiting is told, and their entries end."""
    entries = _open_entries(session)
    for entry in entries:
        entry.status = WaitingListStatus.CLOSED
        entry.save(update_fields=["status", "updated_at"])
        waiting_list_email_create(entry, WaitingListEmailKind.SESSION_CANCELLED)
    return len(entries)


def waitlist_pass_on_expired(session_id, *, now):
    """Pass on offers of this session that ran out, in a transaction of its own.

    Called before a booking, join or claim, whose own transaction may end in a refusal that
    would otherwise roll the line's progress back. True if anything was due.
    """
    if not WaitingListEntry.objects.filter(
        session_id=session_id, status=WaitingListStatus.OFFERED, offer_expires_at__lte=now
    ).exists():
        return False
    with locked_transaction():
        session = lock_session(session_id)
        waitlist_advance(session, now=now)
    return True


def waitlist_join(*, session_id, person, language, now, added_by=None):
    """Put ``person`` in line for a full session, or raise RuleError.

    ``added_by``: the staff member putting them in line (outside the online booking window
    too); a freed place is offered by email, so they need an email all the same.
    """
    problem = guardian_problem(person)
    if problem:
        raise problem
    fields = person_fields(person)
    waitlist_pass_on_expired(session_id, now=now)
    with locked_transaction():
        session = lock_session(session_id)
        if session is None or not session.offering.has_waiting_list:
            raise RuleError(
                _("That time is no longer available. Please choose another."), code="missing", field="session"
            )
        problem = session_problem(
            session, now=now, offered_to_others=0, ignore_places=True, by_staff=added_by is not None
        )
        if problem:
            raise problem
        if not fields["email"]:
            raise RuleError(
                _("A place on the waiting list is offered by email: enter their email."),
                code="email",
                field="email",
            )
        if places_taken(session) + places_offered(session) < session.places:
            raise RuleError(
                _("Good news: a place has just become free in this session. Choose it again to book it."),
                code="not_full",
                field="session",
            )
        if Booking.objects.taking_a_place().filter(session=session, email__iexact=fields["email"]).exists():
            raise RuleError(
                _("You already have a place in this session. Check your email for the details."),
                code="duplicate",
                field="email",
            )
        last = WaitingListEntry.objects.filter(session=session).aggregate(last=Max("position"))["last"] or 0
        try:
            entry = WaitingListEntry.objects.create(
                session=session,
                position=last + 1,
                language=language,
                privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
                consented_at=now,
                **fields,
            )
        except IntegrityError as error:
            if "waiting_once_per_email_and_session" not in str(error):
                raise
            raise RuleError(
                _("You are already on the waiting list for this session. Check your email for the details."),
                code="duplicate",
                field="email",
            ) from error
        log_private(entry, "booking.waiting_joined", user=added_by)
        waiting_list_email_create(entry, WaitingListEmailKind.JOINED)
    return entry


def waitlist_tell_already_waiting(*, session_id, email):
    """Someone joined again with an email already in line: that address gets its link again."""
    with locked_transaction():
        entry = (
            WaitingListEntry.objects.filter(
                session_id=session_id, email__iexact=email.strip(), status__in=OPEN_WAITING_STATUSES
            )
            .select_for_update()
            .first()
        )
        if entry is not None:
            waiting_list_email_create(entry, WaitingListEmailKind.JOINED)
    return entry


def _locked_entry(entry_id):
    session_id = WaitingListEntry.objects.values_list("session_id", flat=True).get(pk=entry_id)
    session = lock_session(session_id)
    return session, WaitingListEntry.objects.select_for_update().get(pk=entry_id)


def waitlist_claim(*, entry_id, now):
    """Book the place offered to this entry (or, in "tell everyone" mode, a free place), or raise RuleError."""
    session_id = WaitingListEntry.objects.values_list("session_id", flat=True).get(pk=entry_id)
    waitlist_pass_on_expired(session_id, now=now)
    with locked_transaction():
        session, entry = _locked_entry(entry_id)
        first_in_line = session.offering.waiting_list == WaitingListMode.IN_TURN
        if not (offer_open(entry, now=now) if first_in_line else entry.is_waiting):
            raise RuleError(_("This offer is no longer open."), code="not_offered")
        offered_to_others = places_offered(session) - (1 if first_in_line else 0)
        problem = session_problem(session, now=now, offered_to_others=offered_to_others)
        if problem:
            raise problem
        booking = booking_insert(
            session,
            {name: getattr(entry, name) for name in PERSON_FIELDS},
            now=now,
            language=entry.language,
            consented_at=entry.consented_at,
            privacy_notice_version=entry.privacy_notice_version,
            action="booking.booked_from_waiting_list",
        )
        entry.status = WaitingListStatus.BOOKED
        entry.booking = booking
        entry.save(update_fields=["status", "booking", "updated_at"])
        log_private(entry, "booking.waiting_claimed")
    return booking


def waitlist_leave(*, entry_id, now, user=None):
    """Leave the list (the person, or staff for them); a place held for them goes to the next in line."""
    with locked_transaction():
        session, entry = _locked_entry(entry_id)
        if not entry.is_open:
            raise RuleError(_("You are no longer on this waiting list."), code="not_waiting")
        had_offer = entry.status == WaitingListStatus.OFFERED
        entry.status = WaitingListStatus.LEFT
        entry.save(update_fields=["status", "updated_at"])
        log_private(entry, "booking.waiting_left", user=user)
        if had_offer:
            waitlist_advance(session, now=now)
    return entry


def waitlist_move(*, entry_id, up, user):
    """Staff move someone one place up or down the line (swapping with their neighbour)."""
    with locked_transaction():
        session, entry = _locked_entry(entry_id)
        entries = _open_entries(session)
        index = next((i for i, other in enumerate(entries) if other.pk == entry.pk), None)
        if index is None:
            raise RuleError(_("This person is no longer waiting."), code="not_waiting")
        other_index = index - 1 if up else index + 1
        if not 0 <= other_index < len(entries):
            return entry
        neighbour = entries[other_index]
        entry.position, neighbour.position = neighbour.position, entry.position
        WaitingListEntry.objects.bulk_update([entry, neighbour], ["position"])
        log_private(entry, "booking.waiting_moved", user=user, data={"up": up})
    return entry


def waitlist_expire_due(*, now):
    """Pass on every offer that has run out (cron and the periodic task). Returns how many lines moved on."""
    session_ids = set(
        WaitingListEntry.objects.filter(
            status=WaitingListStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("session_id", flat=True)
    )
    for session_id in sorted(session_ids):
        waitlist_pass_on_expired(session_id, now=now)
    return len(session_ids)
