"""Reminder emails: found by a "due" query and created when due, so each goes out once per start.

A reminder row is made only when it is due, for a confirmed booking of a scheduled
session, and is unique per booking, reminder number and session start: running twice
(cron and a task, or two workers) sends nothing twice, a cancelled booking gets none,
and a session moved to a new start gets its reminders again for the new time. Email is
the only channel today; another (WhatsApp, SMS) would add its own row kind here.
"""

import datetime

from django.db import IntegrityError, transaction

from booking.emails.outbox import booking_email_create
from booking.models import Booking, BookingEmail, BookingEmailKind, BookingStatus, SessionStatus

# Offering.reminder_hours and second_reminder_hours are at most a week.
LONGEST_REMINDER = datetime.timedelta(days=7)


def _reminder_times(offering):
    """[(number, hours before)] of the offering's reminders."""
    times = [(1, offering.reminder_hours)]
    if offering.second_reminder_hours:
        times.append((2, offering.second_reminder_hours))
    return times


def reminders_due(*, now):
    """[(booking, reminder number)] whose reminder time has come and that have not had it for this start."""
    bookings = (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED,
            session__status=SessionStatus.SCHEDULED,
            session__start__gt=now,
            session__start__lte=now + LONGEST_REMINDER,
        )
        .select_related("session__offering")
        .order_by("session__start")
    )
    sent = set(
        BookingEmail.objects.filter(kind=BookingEmailKind.REMINDER, booking__in=bookings).values_list(
            "booking_id", "reminder_number", "reminder_for"
        )
    )
    due = []
    for booking in bookings:
        start = booking.session.start
        for number, hours in _reminder_times(booking.session.offering):
            reminder_at = start - datetime.timedelta(hours=hours)
            # Booked after the reminder time: the confirmation is reminder enough.
            if (
                reminder_at <= now
                and booking.created_at < reminder_at
                and (booking.pk, number, start) not in sent
            ):
                due.append((booking, number))
    return due


def reminders_send_due(*, now):
    """Create and queue every due reminder (cron: ``manage.py booking_run_due``). Returns how many."""
    created = 0
    for booking, number in reminders_due(now=now):
        try:
            with transaction.atomic():
                booking_email_create(
                    booking,
                    BookingEmailKind.REMINDER,
                    reminder_number=number,
                    reminder_for=booking.session.start,
                )
            created += 1
        except IntegrityError:
            continue  # another run made it first
    return created
