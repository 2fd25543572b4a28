"""The one answer to "can this session be booked now?", used by the listing and by booking alike.

The caller gathers the facts (places taken, closed days, the counselor's other sessions):
in bulk for a listing, under the row locks for a booking. The decision is made here only.
"""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from booking.models import Closure, OfferingKind, Session, SessionStatus
from booking.services.scheduling import closed_dates
from core.errors import RuleError
from core.localtime import local_zone


def change_cutoff(session):
    """Until when a person may cancel or move their place online."""
    return session.start - datetime.timedelta(hours=session.offering.cancellation_cutoff_hours)


def may_change_online(booking, *, now):
    """A confirmed place before the cutoff: the person may cancel or move it themselves."""
    return booking.is_confirmed and now < change_cutoff(booking.session)


def hold_open(booking, *, now):
    """A place held for the person, who may still confirm (or cancel) it."""
    return booking.is_held and booking.confirm_by > now


def offer_open(entry, *, now):
    """A place offered from the waiting list that the person may still book."""
    return entry.is_offered and entry.offer_expires_at > now


def offer_ran_out(entry, *, now):
    """A place was offered and not booked in time (marked expired, or not yet by the periodic run)."""
    return entry.is_expired or (entry.is_offered and not offer_open(entry, now=now))


def staff_may_record_attendance(booking, *, now):
    """Staff record whether the person came once the session has started, for a place not cancelled."""
    return booking.is_active and booking.session.start <= now


def staff_may_cancel(booking):
    """Staff may cancel a place that is still to come: confirmed, or held until the person confirms."""
    return booking.is_held or booking.is_confirmed


def staff_may_add_people(session, *, now):
    """Staff may add someone to a scheduled session until it ends (the booking rules decide the rest)."""
    return session.is_scheduled and session.end > now


def staff_may_cancel_session(session, *, now):
    """A scheduled session that has not ended may be cancelled as a whole."""
    return session.is_scheduled and session.end > now


def booking_window(offering, *, now):
    """The earliest and latest start that can be booked now."""
    return (
        now + datetime.timedelta(hours=offering.minimum_notice_hours),
        now + datetime.timedelta(days=offering.booking_horizon_days),
    )


def closed_local_days(first, last):
    """The local dates closed between two moments."""
    zone = local_zone()
    first_day, last_day = first.astimezone(zone).date(), last.astimezone(zone).date()
    closures = Closure.objects.filter(end_date__gte=first_day, start_date__lte=last_day)
    return closed_dates(closures, first_day, last_day)


def local_week(moment):
    """The Monday (local date) of the week a moment falls in."""
    day = moment.astimezone(local_zone()).date()
    return day - datetime.timedelta(days=day.weekday())


def counselor_calendar(counselor_ids, *, start, end):
    """The counselors' commitments and weekly loads around ``start``–``end``, in one query.

    Commitments, {counselor id: [(start, end, session id)]}: the group sessions they lead and
    the appointments booked that overlap the span. Weekly loads, {(counselor id, Monday):
    individual appointments booked}: every local week the span touches.
    """
    zone = local_zone()
    first_monday = datetime.datetime.combine(local_week(start), datetime.time(), zone)
    after_last_week = datetime.datetime.combine(
        local_week(end) + datetime.timedelta(days=7), datetime.time(), zone
    )
    sessions = (
        Session.objects.with_places_taken()
        .filter(
            counselor_id__in=counselor_ids,
            status=SessionStatus.SCHEDULED,
            start__lt=after_last_week,
            end__gt=first_monday,
        )
        .values_list("counselor_id", "start", "end", "pk", "offering__kind", "places_taken")
    )
    commitments, loads = {}, {}
    for counselor_id, session_start, session_end, session_id, kind, taken in sessions:
        if session_start < end and session_end > start and (kind == OfferingKind.GROUP or taken):
            commitments.setdefault(counselor_id, []).append((session_start, session_end, session_id))
        if kind == OfferingKind.INDIVIDUAL and taken and first_monday <= session_start < after_last_week:
            key = (counselor_id, local_week(session_start))
            loads[key] = loads.get(key, 0) + taken
    return commitments, loads


def counselor_week_is_full(session, loads):
    cap = session.counselor.weekly_appointment_cap if session.counselor_id else None
    return cap is not None and loads.get((session.counselor_id, local_week(session.start)), 0) >= cap


def counselor_is_busy(session, commitments):
    return any(
        start < session.end and end > session.start and session_id != session.pk
        for start, end, session_id in commitments.get(session.counselor_id, ())
    )


def booking_window_problem(session, *, now):
    """Why the session is too soon or too far ahead to book online, or None."""
    offering = session.offering
    earliest, latest = booking_window(offering, now=now)
    if session.start < earliest:
        return RuleError(
            ngettext(
                "Bookings close %(hours)d hour before the start. Please choose a later time.",
                "Bookings close %(hours)d hours before the start. Please choose a later time.",
                offering.minimum_notice_hours,
            )
            % {"hours": offering.minimum_notice_hours},
            code="notice",
        )
    if session.start > latest:
        return RuleError(
            _("This time is too far ahead to book yet. Please choose an earlier time."), code="horizon"
        )
    return None


def booking_problem(session, *, now, places_taken, closed_days, commitments, week_loads, by_staff=False):
    """Why ``session`` cannot be booked now, as a RuleError, or None if it can.

    ``places_taken`` counts every place not free to this person: bookings and places held
    for others on the waiting list. Staff adding someone (``by_staff``) keep every rule but
    the booking window: a walk-in may join a session that is about to start or under way.
    """
    offering = session.offering
    if session.status != SessionStatus.SCHEDULED or not (offering.is_active or by_staff):
        return RuleError(_("This session has been cancelled. Please choose another time."), code="cancelled")
    if (session.end if by_staff else session.start) <= now:
        return RuleError(_("This time has already passed. Please choose another time."), code="past")
    if not by_staff:
        problem = booking_window_problem(session, now=now)
        if problem:
            return problem
    if session.start.astimezone(local_zone()).date() in closed_days:
        return RuleError(_("We are closed on that day. Please choose another time."), code="closed")
    if places_taken >= session.places:
        return RuleError(
            _("Sorry, this session has just filled up. Please choose another time."), code="full"
        )
    if offering.kind == OfferingKind.INDIVIDUAL and counselor_is_busy(session, commitments):
        return RuleError(
            _("The counselor is no longer free at that time. Please choose another time."),
            code="counselor_busy",
        )
    if offering.kind == OfferingKind.INDIVIDUAL and counselor_week_is_full(session, week_loads):
        return RuleError(
            _("The counselor has no more appointments free that week. Please choose another week."),
            code="counselor_week_full",
        )
    return None
