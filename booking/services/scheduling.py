"""Turn schedules (django-recurrence rules) into real session rows for a rolling horizon.

Rules are expanded in the site's local time zone so that wall-clock times survive DST.
Dates picked in the recurrence widget (UNTIL, RDATE, EXDATE) arrive as the browser's
local midnight converted to UTC; they are rounded back to the calendar date they meant
(correct for browsers from UTC−11 to UTC+11) and re-timed to the schedule's start.
"""

import copy
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from booking.emails.outbox import bookings_tell_session_changed
from booking.models import Booking, Closure, Schedule, Session, SessionStatus
from core.content_version import availability_changed
from core.localtime import local_zone


@dataclass
class GenerationResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    told: int = 0
    flagged: list[int] = field(default_factory=list)


def picked_date(value):
    """The calendar date a widget-picked datetime stands for."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return (value.astimezone(datetime.UTC) + datetime.timedelta(hours=12)).date()
    return value


def closed_dates(closures, first_day, last_day):
    dates = set()
    for closure in closures:
        day = max(closure.start_date, first_day)
        while day <= min(closure.end_date, last_day):
            dates.add(day)
            day += datetime.timedelta(days=1)
    return dates


def _rule_dates(rules, dtstart, window_start, window_end, zone):
    dates = set()
    for rule in rules:
        rule = copy.copy(rule)
        if rule.until:
            rule.until = datetime.datetime.combine(picked_date(rule.until), datetime.time.max, tzinfo=zone)
        for occurrence in rule.to_dateutil_rrule(dtstart=dtstart).between(window_start, window_end, inc=True):
            dates.add(occurrence.date())
    return dates


def schedule_dates(schedule, *, first_day, last_day, closed):
    """The local dates on which the schedule has sessions, between first_day and last_day."""
    zone = local_zone()
    first_day = max(first_day, schedule.valid_from)
    if schedule.valid_until:
        last_day = min(last_day, schedule.valid_until)
    if first_day > last_day:
        return []
    dtstart = datetime.datetime.combine(schedule.valid_from, schedule.start_time, tzinfo=zone)
    window_start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
    window_end = datetime.datetime.combine(last_day, datetime.time.max, tzinfo=zone)
    recurrence = schedule.recurrences
    dates = _rule_dates(recurrence.rrules, dtstart, window_start, window_end, zone)
    dates |= {picked_date(value) for value in recurrence.rdates}
    dates -= _rule_dates(recurrence.exrules, dtstart, window_start, window_end, zone)
    dates -= {picked_date(value) for value in recurrence.exdates}
    dates -= closed
    return sorted(day for day in dates if first_day <= day <= last_day)


def schedule_occurrences(schedule, *, first_day, last_day, closed):
    """(start, end) pairs: one per day for groups, slots through the window for individuals."""
    zone = local_zone()
    duration = datetime.timedelta(minutes=schedule.offering.duration_minutes)
    occurrences = []
    for day in schedule_dates(schedule, first_day=first_day, last_day=last_day, closed=closed):
        start = datetime.datetime.combine(day, schedule.start_time, tzinfo=zone)
        if schedule.offering.is_individual and schedule.end_time:
            window_end = datetime.datetime.combine(day, schedule.end_time, tzinfo=zone)
            while start + duration <= window_end:
                occurrences.append((start, start + duration))
                start += duration
        else:
            occurrences.append((start, start + duration))
    return occurrences


def sessions_generate(*, now, until=None, schedules=None):
    """Create, update and retire sessions so they match the schedules up to ``until``.

    Idempotent. A session that people have booked is never deleted: when its schedule
    no longer produces it, it is flagged for staff instead. Sessions changed by staff
    are left as they are.
    """
    until = until or now + datetime.timedelta(weeks=settings.BOOKING_HORIZON_WEEKS)
    zone = local_zone()
    first_day = now.astimezone(zone).date()
    last_day = until.astimezone(zone).date()
    closures = list(Closure.objects.filter(end_date__gte=first_day, start_date__lte=last_day))
    closed = closed_dates(closures, first_day, last_day)
    if schedules is None:
        schedules = Schedule.objects.all()
    result = GenerationResult()
    for schedule in schedules.select_related("offering"):
        with transaction.atomic():
            _sync_schedule(
                schedule, now=now, first_day=first_day, last_day=last_day, closed=closed, result=result
            )
    _retire_orphans(now=now, result=result)
    availability_changed()
    return result


def _sync_schedule(schedule, *, now, first_day, last_day, closed, result):
    offering = schedule.offering
    expected = {}
    if offering.is_active:
        for start, end in schedule_occurrences(
            schedule, first_day=first_day, last_day=last_day, closed=closed
        ):
            if start > now:
                expected[start] = end
    existing = {
        session.original_start: session
        for session in Session.objects.select_for_update().filter(schedule=schedule, original_start__gt=now)
    }
    taken = (
        Booking.objects.taking_a_place().filter(session__in=existing.values()).count_by_session()
        if existing
        else {}
    )
    new_sessions = [
        Session(
            offering=offering,
            schedule=schedule,
            original_start=original_start,
            start=original_start,
            end=end,
            counselor_id=schedule.counselor_id,
            places=offering.places_per_session,
        )
        for original_start, end in expected.items()
        if original_start not in existing
    ]
    Session.objects.bulk_create(new_sessions)
    result.created += len(new_sessions)
    for original_start, end in expected.items():
        session = existing.get(original_start)
        if session is None:
            continue
        if session.is_overridden:
            continue
        changes = {
            "start": original_start,
            "end": end,
            "counselor_id": schedule.counselor_id,
            "places": max(offering.places_per_session, taken.get(session.pk, 0)),
            "status": SessionStatus.SCHEDULED,
            "needs_attention": False,
        }
        changed = {name for name, value in changes.items() if getattr(session, name) != value}
        if changed:
            for name, value in changes.items():
                setattr(session, name, value)
            session.save(update_fields=list(changes))
            result.updated += 1
            if changed & {"start", "end", "counselor_id"}:
                result.told += bookings_tell_session_changed(session)
    for original_start, session in existing.items():
        if original_start not in expected:
            _retire(session, taken.get(session.pk, 0), result)


def _retire_orphans(*, now, result):
    """Future sessions whose schedule was deleted."""
    with transaction.atomic():
        orphans = list(Session.objects.select_for_update().filter(schedule__isnull=True, start__gt=now))
        taken = Booking.objects.taking_a_place().filter(session__in=orphans).count_by_session()
        for session in orphans:
            _retire(session, taken.get(session.pk, 0), result)


def _retire(session, places_taken, result):
    if places_taken > 0 or session.is_overridden:
        if session.status == SessionStatus.SCHEDULED and not session.needs_attention:
            session.needs_attention = True
            session.save(update_fields=["needs_attention"])
            result.flagged.append(session.pk)
    elif session.bookings.exists():
        # Only cancelled bookings remain; they keep their history, the session leaves the listings.
        if session.status != SessionStatus.CANCELLED:
            session.status = SessionStatus.CANCELLED
            session.save(update_fields=["status"])
            result.removed += 1
    else:
        session.delete()
        result.removed += 1
