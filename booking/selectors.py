"""Reads for the public booking pages and the admin."""

import datetime
import itertools

from django.db.models import F, Q

from booking.models import Closure, Offering, OfferingKind, Session, SessionStatus
from booking.scheduling import closed_dates
from core.localtime import local_zone


def offerings_for_program(*, program_page):
    """Active offerings of a program page, whichever language version is asked for."""
    return list(
        Offering.objects.filter(is_active=True, program_page__translation_key=program_page.translation_key)
        .prefetch_related("counselors")
        .order_by("kind", "title")
    )


def open_sessions(*, offering, now, limit=None):
    """Sessions of the offering that can be booked now: in the booking window, with a place free,
    not on a closed day, and (for appointments) with the counselor free."""
    earliest = now + datetime.timedelta(hours=offering.minimum_notice_hours)
    latest = now + datetime.timedelta(days=offering.booking_horizon_days)
    sessions = list(
        Session.objects.filter(
            offering=offering,
            status=SessionStatus.SCHEDULED,
            start__gte=earliest,
            start__lte=latest,
            booked__lt=F("places"),
        )
        .select_related("counselor")
        .order_by("start")
    )
    zone = local_zone()
    closed = closed_dates(
        Closure.objects.filter(end_date__gte=earliest.date(), start_date__lte=latest.date()),
        earliest.astimezone(zone).date(),
        latest.astimezone(zone).date(),
    )
    sessions = [s for s in sessions if s.start.astimezone(zone).date() not in closed]
    if offering.kind == OfferingKind.INDIVIDUAL:
        sessions = _without_busy_counselors(sessions, earliest, latest)
    return sessions[:limit] if limit else sessions


def _without_busy_counselors(sessions, earliest, latest):
    counselor_ids = {s.counselor_id for s in sessions if s.counselor_id}
    busy = {}
    for counselor_id, start, end, session_id in (
        Session.objects.filter(
            counselor_id__in=counselor_ids,
            status=SessionStatus.SCHEDULED,
            start__lt=latest + datetime.timedelta(days=1),
            end__gt=earliest,
        )
        .filter(Q(offering__kind=OfferingKind.GROUP) | Q(booked__gt=0))
        .values_list("counselor_id", "start", "end", "pk")
    ):
        busy.setdefault(counselor_id, []).append((start, end, session_id))
    return [
        s
        for s in sessions
        if not any(
            start < s.end and end > s.start and session_id != s.pk
            for start, end, session_id in busy.get(s.counselor_id, [])
        )
    ]


def sessions_by_day(sessions):
    """[(date, [sessions])] in local time, for listings grouped by day."""
    zone = local_zone()
    return [
        (day, list(group))
        for day, group in itertools.groupby(sessions, key=lambda s: s.start.astimezone(zone).date())
    ]
