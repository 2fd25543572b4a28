"""The email worker survives the database going away, and never sends an email twice for it.

Seen on PostgreSQL: after a restart the library's worker exited ("the connection is
closed") and emails waited until someone started it again; the email being sent at that
moment was sent a second time, because SMTP had accepted it but the database could not
record it. Here the lost connection is simulated where it bites.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import QuerySet
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from booking.models import BookingEmail, BookingEmailKind
from booking.tasks import send_booking_email
from core import outbox, task_results
from core.models import OutboxStatus
from tests import clock
from tests.booking.factories import BookingFactory
from tests.core.conftest import run_queue

pytestmark = pytest.mark.django_db


def fails_once(monkeypatch, target, name):
    original = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("the connection is closed")
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)
    return calls


def run_worker():
    run_queue("email")


def test_the_worker_carries_on_and_sends_the_interrupted_email_once(database_queue, monkeypatch):
    email = BookingEmail.objects.create(booking=BookingFactory(), kind=BookingEmailKind.CONFIRMATION)
    send_booking_email.enqueue(email.pk)
    # The connection drops as the task starts, and again as the worker records the failure.
    fails_once(monkeypatch, outbox, "outbox_claim")
    fails_once(monkeypatch, DBTaskResult, "set_failed")

    run_worker()

    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_the_worker_carries_on_when_the_database_is_away_between_tasks(database_queue, monkeypatch):
    email = BookingEmail.objects.create(booking=BookingFactory(), kind=BookingEmailKind.CONFIRMATION)
    send_booking_email.enqueue(email.pk)
    polls = fails_once(monkeypatch, DBTaskResult.objects.__class__, "ready")

    run_worker()

    assert len(polls) >= 2
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_smtp_accepted_is_recorded_as_sent_once_the_database_answers(monkeypatch):
    email = BookingEmail.objects.create(booking=BookingFactory(), kind=BookingEmailKind.CONFIRMATION)
    monkeypatch.setattr("core.outbox.time.sleep", lambda seconds: None)
    original_update = QuerySet.update
    refusals = []

    def update(queryset, **values):
        if values.get("status") == OutboxStatus.SENT and len(refusals) < 3:
            refusals.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return original_update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", update)

    send_booking_email.call(email.pk)
    send_booking_email.call(email.pk)  # queued again by a retry: finds it sent

    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT
    assert len(refusals) == 3
    assert len(mail.outbox) == 1


def test_a_task_a_killed_worker_left_running_is_closed_and_its_email_retried(database_queue):
    email = BookingEmail.objects.create(booking=BookingFactory(), kind=BookingEmailKind.CONFIRMATION)
    send_booking_email.enqueue(email.pk)
    long_ago = clock.now() - __import__("datetime").timedelta(hours=1)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=long_ago)
    BookingEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.SENDING, claimed_at=long_ago, attempts=1
    )

    call_command("retry_emails", verbosity=0)

    stale = DBTaskResult.objects.order_by("enqueued_at").first()
    assert stale.status == TaskResultStatus.FAILED
    assert stale.exception_class_path == task_results.ABANDONED
    run_worker()
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT and len(mail.outbox) == 1
