"""Reads for the public booking pages and the admin."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from booking.models import Offering, OfferingKind, Session, SessionStatus
from booking.rules import booking_problem, booking_window, closed_local_days, counselor_commitments
from core.content_version import cached_for_availability, cached_for_version

CANDIDATES_PER_SHOWN = 4


def offerings_for_program(*, translation_key):
    """Active offerings of a program page, whichever language version (they share a translation key)."""
    return list(
        Offering.objects.filter(is_active=True, program_page__translation_key=translation_key).order_by(
            "kind", "title"
        )
    )


def open_sessions_by_offering(*, offerings, now, limit=None, request=None):
    """{offering id: [sessions that can be booked now]} for many offerings, in a fixed number of queries.

    Each session is judged by ``booking.rules.booking_problem``, the same rule a booking obeys.
    """
    offerings = list(offerings)
    if not offerings:
        return {}
    windows = {offering.pk: booking_window(offering, now=now) for offering in offerings}
    earliest = min(start for start, _end in windows.values())
    latest = max(end for _start, end in windows.values())
    sessions = (
        Session.objects.with_places_taken()
        .filter(
            offering__in=offerings,
            status=SessionStatus.SCHEDULED,
            start__gt=now,
            start__lte=latest,
            places_taken__lt=F("places"),
        )
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
    commitments = (
        counselor_commitments(
            individual_counselors,
            start=min(s.start for s in candidates),
            end=max(s.end for s in candidates),
        )
        if individual_counselors
        else {}
    )
    result = {offering.pk: [] for offering in offerings}
    for session in candidates:
        session.offering = by_id[session.offering_id]
        chosen = result[session.offering_id]
        if limit and len(chosen) >= limit:
            continue
        if not booking_problem(
            session,
            now=now,
            places_taken=session.places_taken,
            closed_days=closed_days,
            commitments=commitments,
        ):
            chosen.append(session)
    return result


def open_sessions(*, offering, now, limit=None, request=None):
    """Sessions of one offering that can be booked now.

    Kept until the next booking change (or the next minute), so a busy booking page does not
    recount; the booking itself always decides afresh under the lock.
    """

    def find():
        return open_sessions_by_offering(offerings=[offering], now=now, limit=limit, request=request)[
            offering.pk
        ]

    return cached_for_availability(f"open-sessions:{offering.pk}:{limit}", find, now=now, request=request)
