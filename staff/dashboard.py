"""The admin home as a dashboard: this week's sessions, and what needs someone's attention.

Everything is narrowed to what the user may see (a counselor: their own sessions), read in
a fixed number of queries, and shown in local time with its zone.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from booking import selectors
from booking.models import (
    OPEN_WAITING_STATUSES,
    OfferingKind,
    Session,
    SessionStatus,
    WaitingListEntry,
)
from core.admin_access import visible
from core.localtime import local_zone
from core.models import OutboxStatus
from staff.outbox import outboxes_for

SOON_FOR_MINIMUM = datetime.timedelta(days=3)


def _waiting_count():
    open_entries = (
        WaitingListEntry.objects.filter(session=OuterRef("pk"), status__in=OPEN_WAITING_STATUSES)
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(open_entries), 0)


@dataclass
class DaySummary:
    """One of the next seven days on the admin home: its sessions counted, and where to see them."""

    day: datetime.date
    sessions: int = 0
    places_taken: int = 0
    places: int = 0
    waiting: int = 0

    @property
    def url(self):
        day = self.day.isoformat()
        query = urlencode(
            {"start__date__gte": day, "start__date__lte": day, "status": SessionStatus.SCHEDULED}
        )
        return f"{reverse('booking_sessions:index')}?{query}"


def week_sessions(user, *, now):
    """(today's sessions, a summary of each of the next seven days) that the user may see.

    Today is listed session by session; the days after are counted, so a busy school's week
    (hundreds of sessions) stays one short table with a link to each day's sessions.
    """
    zone = local_zone()
    today = now.astimezone(zone).date()
    start_of_today = datetime.datetime.combine(today, datetime.time(), zone)
    tomorrow = start_of_today + datetime.timedelta(days=1)
    end_of_week = tomorrow + datetime.timedelta(days=7)
    scheduled = visible(Session.objects.with_places_taken(), user).filter(status=SessionStatus.SCHEDULED)
    sessions = list(
        scheduled.with_places_offered()
        .filter(start__gte=start_of_today, start__lt=tomorrow)
        .annotate(waiting=_waiting_count())
        .select_related("offering", "counselor")
        .order_by("start")
    )
    days = {
        day: DaySummary(day) for day in (today + datetime.timedelta(days=number) for number in range(1, 8))
    }
    later = (
        scheduled.filter(start__gte=tomorrow, start__lt=end_of_week)
        .annotate(waiting=_waiting_count())
        .values_list("start", "places", "places_taken", "waiting")
    )
    for start, places, places_taken, waiting in later:
        summary = days[start.astimezone(zone).date()]
        summary.sessions += 1
        summary.places += places
        summary.places_taken += places_taken
        summary.waiting += waiting
    return sessions, list(days.values()) if any(day.sessions for day in days.values()) else []


@dataclass
class Attention:
    """One thing on the admin home that needs a person: how many, what, and where to act."""

    count: int
    text: str
    url: str


def sessions_needing_attention(user, *, now):
    """Sessions the schedule dropped, groups that may not reach their minimum, attendance not yet recorded."""
    sessions = visible(Session.objects.all(), user).filter(status=SessionStatus.SCHEDULED)
    dropped = sessions.filter(needs_attention=True, start__gt=now).count()
    attendance = selectors.sessions_awaiting_attendance(sessions, now=now).count()
    below_minimum = sum(
        1
        for places_taken, minimum in sessions.with_places_taken()
        .filter(
            offering__kind=OfferingKind.GROUP,
            offering__minimum_participants__isnull=False,
            minimum_checked_at__isnull=True,
            start__gt=now,
            start__lte=now + SOON_FOR_MINIMUM,
        )
        .values_list("places_taken", "offering__minimum_participants")
        if places_taken < minimum
    )
    return dropped, below_minimum, attendance


def failed_email_counts(user):
    """(failed, given up) over every outbox the user may see (staff.outbox lists them)."""
    given_up = Q(attempts__gte=settings.RANGKUL_EMAIL_MAX_ATTEMPTS)
    failed = given_up_total = 0
    for outbox in outboxes_for(user):
        counts = visible(outbox.model.objects.filter(status=OutboxStatus.FAILED), user).aggregate(
            failed=Count("pk"), given_up=Count("pk", filter=given_up)
        )
        failed += counts["failed"]
        given_up_total += counts["given_up"]
    return failed, given_up_total


def failed_emails_url():
    return reverse("staff_emails") + f"?status={OutboxStatus.FAILED}"
