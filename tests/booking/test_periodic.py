"""What runs by the clock: the minimum-participants decision and the periodic task's chain."""

import datetime

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from booking.models import (
    BookingEmail,
    BookingEmailKind,
    BookingStatus,
    SessionStatus,
    WaitingListEmail,
    WaitingListEmailKind,
)
from booking.tasks import periodic_queue_next, run_due_periodically
from core.models import OutboxStatus
from core.periodic import run_due
from tests import clock
from tests.booking.conftest import NOW
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory, WaitingListEntryFactory

pytestmark = pytest.mark.django_db

START = NOW + datetime.timedelta(days=2)


@pytest.fixture
def small_group():
    offering = OfferingFactory(places_per_session=2, minimum_participants=2, minimum_decision_hours=24)
    return SessionFactory(offering=offering, start=START, original_start=START)


def test_below_the_minimum_at_decision_time_the_session_is_cancelled_and_everyone_told(
    small_group, admin_client
):
    booking = BookingFactory(session=small_group)
    assert run_due(now=START - datetime.timedelta(hours=25))["cancelled_below_minimum"] == 0
    assert run_due(now=START - datetime.timedelta(hours=24))["cancelled_below_minimum"] == 1
    small_group.refresh_from_db()
    booking.refresh_from_db()
    assert small_group.status == SessionStatus.CANCELLED
    # Why, in the reader's language (Indonesian here), not frozen in the cron's language.
    assert small_group.cancellation_note == ""
    history = admin_client.get(f"/admin/booking/sessions/history/{small_group.pk}/").content.decode()
    assert "Dibatalkan otomatis: peserta kurang dari jumlah minimal" in history
    assert booking.status == BookingStatus.CANCELLED
    assert BookingEmail.objects.filter(booking=booking, kind=BookingEmailKind.SESSION_CANCELLED).exists()


def test_people_waiting_are_told_too_and_a_full_enough_session_is_decided_once(small_group):
    BookingFactory(session=small_group)
    BookingFactory(session=small_group)
    WaitingListEntryFactory(session=small_group)
    assert run_due(now=START - datetime.timedelta(hours=23))["cancelled_below_minimum"] == 0
    booking = small_group.bookings.first()
    booking.status = BookingStatus.CANCELLED
    booking.save()
    # Decided already: a late cancellation does not cancel the session for those still coming.
    assert run_due(now=START - datetime.timedelta(hours=2))["cancelled_below_minimum"] == 0
    small_group.refresh_from_db()
    assert small_group.status == SessionStatus.SCHEDULED

    other = SessionFactory(
        offering=small_group.offering, start=START, original_start=START + datetime.timedelta(1)
    )
    waiting = WaitingListEntryFactory(session=other)
    run_due(now=START - datetime.timedelta(hours=23))
    assert WaitingListEmail.objects.filter(
        entry=waiting, kind=WaitingListEmailKind.SESSION_CANCELLED
    ).exists()


def test_the_cron_command_and_the_periodic_task_share_one_chain(settings, capsys):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email", "periodic"]},
    }
    call_command("booking_run_due", "--start-periodic")
    call_command("booking_run_due", "--start-periodic")
    out = capsys.readouterr().out
    assert "Periodic task queued." in out and "already queued" in out
    queued = DBTaskResult.objects.get(task_path=run_due_periodically.module_path)
    assert queued.queue_name == "periodic" and queued.run_after > clock.now()
    assert periodic_queue_next(now=NOW) is False


def test_a_run_queued_before_the_task_moved_module_follows_it(settings):
    import importlib

    from django.apps import apps

    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email", "periodic"]},
    }
    moved = importlib.import_module("booking.migrations.0013_periodic_task_moved")
    run_due_periodically.enqueue()
    DBTaskResult.objects.update(task_path=moved.OLD)  # as a site that upgrades finds it

    moved.rewrite(apps, None, moved.OLD, moved.NEW)

    queued = DBTaskResult.objects.get()
    assert queued.task_path == run_due_periodically.module_path == moved.NEW
    assert queued.task.name == run_due_periodically.name


def test_an_email_queued_before_the_model_was_renamed_is_still_sent(settings, mailoutbox):
    import importlib

    from django.apps import apps

    from booking.models import BookingEmail, BookingEmailKind
    from booking.tasks import send_booking_email

    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email", "periodic"]},
    }
    renamed = importlib.import_module("booking.migrations.0014_booking_email")
    booking = BookingFactory(session=SessionFactory())
    email = BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
    send_booking_email.enqueue(email_id=email.pk)
    # As a site that upgrades finds it: queued under the old task and argument names.
    DBTaskResult.objects.filter(task_path=send_booking_email.module_path).update(
        task_path=renamed.OLD_TASK, args_kwargs={"args": [], "kwargs": {"notification_id": email.pk}}
    )

    renamed.forwards(apps, None)

    queued = DBTaskResult.objects.get(task_path=renamed.NEW_TASK)
    assert queued.args_kwargs["kwargs"] == {"email_id": email.pk}
    queued.task.call(**queued.args_kwargs["kwargs"])
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT and [m.to for m in mailoutbox] == [[booking.email]]
