"""Reads for the public booking pages and the admin."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber

from booking.availability import offering_scope
from booking.models import (
    FEEDBACK_ITEMS,
    UPCOMING_STATUSES,
    Booking,
    BookingStatus,
    MissedSessionsFollowUp,
    Offering,
    OfferingKind,
    Session,
    SessionFeedback,
    SessionStatus,
    WaitingListEntry,
    WaitingListStatus,
)
from booking.rules import (
    booking_problem,
    booking_window,
    closed_local_days,
    counselor_calendar,
)
from core.admin_access import visible
from core.content_version import cached_for_availability, cached_for_version

CANDIDATES_PER_SHOWN = 4


def offerings_for_program(*, translation_key):
    """Active offerings of a program page, whichever language version (they share a translation key)."""
    return list(
        Offering.objects.filter(is_active=True, program_page__translation_key=translation_key).order_by(
            "kind", "title"
        )
    )


def open_sessions_by_offering(*, offerings, now, limit=None, request=None, with_full=False):
    """{offering id: [sessions that can be booked now]} for many offerings, in a fixed number of queries.

    Each session is judged by ``booking.rules.booking_problem``, the same rule a booking obeys;
    places offered to someone on the waiting list count as taken. ``with_full`` adds the full
    sessions whose waiting list can be joined (``session.is_full``), in time order.
    """
    offerings = list(offerings)
    if not offerings:
        return {}
    windows = {offering.pk: booking_window(offering, now=now) for offering in offerings}
    earliest = min(start for start, _end in windows.values())
    latest = max(end for _start, end in windows.values())
    with_waiting_list = [offering.pk for offering in offerings if offering.has_waiting_list]
    has_free_place = Q(places__gt=F("places_taken") + F("places_offered"))
    sessions = (
        Session.objects.with_places_taken()
        .with_places_offered()
        .filter(offering__in=offerings, status=SessionStatus.SCHEDULED, start__gt=now, start__lte=latest)
        .filter(has_free_place | Q(offering__in=with_waiting_list) if with_full else has_free_place)
        .select_related("counselor")
    )
    if limit:
        # The first few per offering are enough (more than ``limit``: some may fall on a closed
        # day or a busy counselor); never every open session of every offering.
        sessions = sessions.annotate(
            rank=Window(RowNumber(), partition_by=F("offering_id"), order_by=F("start").asc())
        ).filter(rank__lte=limit * CANDIDATES_PER_SHOWN)
    candidates = list(sessions.order_by("start"))
    by_id = {offering.pk: offering for offering in offerings}
    # Closures change only when staff edit them (which raises the content version).
    closed_days = cached_for_version(
        f"closed:{earliest.date()}:{latest.date()}",
        lambda: closed_local_days(earliest, latest),
        request=request,
    )
    individual_counselors = {
        s.counselor_id
        for s in candidates
        if s.counselor_id and by_id[s.offering_id].kind == OfferingKind.INDIVIDUAL
    }
    commitments, week_loads = {}, {}
    if individual_counselors:
        first, last = min(s.start for s in candidates), max(s.end for s in candidates)
        commitments, week_loads = counselor_calendar(individual_counselors, start=first, end=last)
    result = {offering.pk: [] for offering in offerings}
    for session in candidates:
        session.offering = by_id[session.offering_id]
        chosen = result[session.offering_id]
        if limit and len(chosen) >= limit:
            continue
        session.is_full = session.places_taken + session.places_offered >= session.places
        if not booking_problem(
            session,
            now=now,
            # A full session is judged on everything else: can its waiting list be joined?
            places_taken=0 if session.is_full else session.places_taken + session.places_offered,
            closed_days=closed_days,
            commitments=commitments,
            week_loads=week_loads,
        ):
            chosen.append(session)
    return result


def open_sessions(*, offering, now, limit=None, request=None, with_full=False):
    """Sessions of one offering that can be booked now (and, ``with_full``, full ones to wait for).

    Kept until the next booking change (or the next minute), so a busy booking page does not
    recount; the booking itself always decides afresh under the lock.
    """

    def find():
        return open_sessions_by_offering(
            offerings=[offering], now=now, limit=limit, request=request, with_full=with_full
        )[offering.pk]

    return cached_for_availability(
        f"open-sessions:{offering.pk}:{limit}:{with_full}",
        find,
        now=now,
        scopes=[offering_scope(offering.pk)],
        request=request,
    )


def places_told_of_session_change(session):
    """The places (held ones too) whose people are emailed when staff change this session's time or counselor."""
    return session.bookings.filter(status__in=UPCOMING_STATUSES).order_by("name")


def places_told_of_offering_change(offering, *, now):
    """The places whose people are emailed when staff change where this offering meets."""
    return Booking.objects.filter(
        session__offering=offering,
        session__status=SessionStatus.SCHEDULED,
        session__start__gt=now,
        status__in=UPCOMING_STATUSES,
    )


RECENT_DAYS_FOR_ATTENDANCE = 14


def sessions_awaiting_attendance(sessions, *, now):
    """Sessions of the last two weeks that have started and still have people only marked as booked."""
    return sessions.filter(
        status=SessionStatus.SCHEDULED,
        start__lte=now,
        start__gte=now - datetime.timedelta(days=RECENT_DAYS_FOR_ATTENDANCE),
        bookings__status=BookingStatus.CONFIRMED,
    ).distinct()


def waiting_people_ahead(entry):
    """How many are waiting ahead of this entry in line (0 once it is no longer waiting)."""
    if not entry.is_waiting:
        return 0
    return WaitingListEntry.objects.filter(
        session_id=entry.session_id, status=WaitingListStatus.WAITING, position__lt=entry.position
    ).count()


# A feedback figure is shown only when at least this many answers stand behind it.
FEEDBACK_THRESHOLD = 5


def missed_sessions_open_count(user):
    """Students the user should reach out to after missed sessions (a count, never who)."""
    if not user.has_perm("booking.view_missedsessionsfollowup"):
        return 0
    return visible(MissedSessionsFollowUp.objects.filter(done_at__isnull=True), user).count()


@dataclass
class FeedbackLine:
    """The answers about one offering with one counselor: how many, and averages only above the threshold."""

    offering: str
    counselor: str
    answers: int
    averages: list  # per FEEDBACK_ITEMS, a number or None

    @property
    def is_shown(self):
        return self.answers >= FEEDBACK_THRESHOLD


def feedback_summary(user):
    """A FeedbackLine per offering and counselor the user may see (a counselor: their own), in one query."""
    rows = (
        visible(SessionFeedback.objects.all(), user)
        .values("offering__title", "counselor__name")
        .annotate(answers=Count("pk"), **{code: Avg(code) for code, _label in FEEDBACK_ITEMS})
        .order_by("offering__title", "counselor__name")
    )
    return [
        FeedbackLine(
            offering=row["offering__title"] or "—",
            counselor=row["counselor__name"] or "—",
            answers=row["answers"],
            averages=[
                round(row[code], 1)
                if row[code] is not None and row["answers"] >= FEEDBACK_THRESHOLD
                else None
                for code, _label in FEEDBACK_ITEMS
            ],
        )
        for row in rows
    ]
