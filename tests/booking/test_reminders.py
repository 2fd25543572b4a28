"""Reminders: due at their time, sent once per start, never for a cancelled booking, again after a move."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from booking.models import BookingEmail, BookingEmailKind
from booking.services import bookings
from booking.services.reminders import reminders_due, reminders_send_due
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory

from .conftest import local

pytestmark = pytest.mark.django_db

START = local(2026, 12, 3, 15)


@pytest.fixture
def booking(now):
    offering = OfferingFactory(reminder_hours=24, second_reminder_hours=2)
    session = SessionFactory(offering=offering, start=START, original_start=START)
    booking = BookingFactory(session=session, email="ayu@contoh.id", language="id")
    booking.created_at = now
    booking.save(update_fields=["created_at"])
    return booking


def run(committed, moment):
    return committed(reminders_send_due, now=moment)


def test_a_reminder_goes_out_at_its_time_and_only_once(booking, committed):
    assert reminders_due(now=START - datetime.timedelta(hours=25)) == []
    assert run(committed, START - datetime.timedelta(hours=23)) == 1
    assert run(committed, START - datetime.timedelta(hours=22)) == 0
    (message,) = mail.outbox
    assert message.subject == "Pengingat: janji temu kamu"
    assert booking.manage_token in message.body
    assert "Ini bukan layanan darurat" in message.body


def test_the_second_reminder_follows_and_each_is_sent_once(booking, committed):
    assert run(committed, START - datetime.timedelta(hours=1)) == 2
    assert run(committed, START - datetime.timedelta(minutes=30)) == 0
    assert len(mail.outbox) == 2
    numbers = set(
        BookingEmail.objects.filter(kind=BookingEmailKind.REMINDER).values_list("reminder_number", flat=True)
    )
    assert numbers == {1, 2}


def test_no_reminder_for_a_cancelled_booking(booking, committed, now):
    bookings.booking_cancel(booking_id=booking.pk, now=now)
    assert run(committed, START - datetime.timedelta(hours=1)) == 0


def test_a_moved_session_gets_its_reminder_again_for_the_new_time(booking, committed, admin_user):
    run(committed, START - datetime.timedelta(hours=23))
    session = booking.session
    session.start = START + datetime.timedelta(days=1)
    session.end = session.start + datetime.timedelta(hours=1)
    bookings.session_staff_update(
        session=session,
        changed_fields=["start", "end"],
        user=admin_user,
        now=START - datetime.timedelta(hours=23),
    )
    assert run(committed, START - datetime.timedelta(hours=1)) == 0  # the old time no longer counts
    assert run(committed, session.start - datetime.timedelta(hours=23)) == 1


def test_booked_after_the_reminder_time_means_no_reminder(committed, now):
    session = SessionFactory(start=START, original_start=START)
    late = BookingFactory(session=session)
    late.created_at = START - datetime.timedelta(hours=3)
    late.save(update_fields=["created_at"])
    assert run(committed, START - datetime.timedelta(hours=2)) == 0


def test_the_cron_command_runs_the_same_service(booking, monkeypatch, capsys):
    monkeypatch.setattr(
        "booking.management.commands.booking_run_due.timezone.now",
        lambda: START - datetime.timedelta(hours=23),
    )
    call_command("booking_run_due")
    printed = capsys.readouterr().out
    assert "reminders: 1" in printed and "holds_released: 0" in printed
