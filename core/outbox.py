"""Sending the emails owed to people (rows of a ``core.models.OutboxEmail`` model) once and only once.

Each app owns its email model, how a message is built, and the task that sends one row;
claiming, recording, backoff, retry and "send again" are the same for all and live here.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.log_actions import log

from core.models import OutboxStatus

logger = logging.getLogger(__name__)

# Seconds between tries to record a sent email while the database is away.
RECORD_SENT_LONGEST_PAUSE = 10

# (email model, task that sends one row): each app registers its outbox in its AppConfig.ready().
_outboxes = []


def register_outbox(model, task):
    _outboxes.append((model, task))


def outbox_task(model):
    """The task that sends one row of ``model``'s outbox."""
    return next(task for registered, task in _outboxes if registered is model)


def outbox_create(model, **fields):
    """Owe someone an email: a row of ``model``'s outbox, queued once the surrounding transaction commits.

    The only way an app writes an outbox row (tests/test_architecture.py checks), so every
    email is kept before it is sent and sent only if what it tells of was saved.
    """
    email = model.objects.create(**fields)
    task = outbox_task(model)
    transaction.on_commit(lambda: task.enqueue(email.pk))
    return email


def outboxes_retry(*, now):
    """Queue again what is due in every app's outbox (cron: ``manage.py retry_emails``). Returns how many."""
    return sum(outbox_retry(model, task, now=now) for model, task in _outboxes)


def retry_delay(attempts):
    """How long to wait after the given number of failed attempts (the last delay repeats)."""
    schedule = settings.RANGKUL_EMAIL_RETRY_MINUTES
    return datetime.timedelta(minutes=schedule[min(attempts, len(schedule)) - 1])


def outbox_claim(model, pk, *, now):
    """Mark one email as being sent, if nobody else has: True for the one sender that wins."""
    return bool(
        model.objects.filter(
            pk=pk,
            status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED],
            attempts__lt=settings.RANGKUL_EMAIL_MAX_ATTEMPTS,
        ).update(status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def outbox_send(model, pk, build_message):
    """Send one email once. Returns True when this call sent it; a failure is recorded, never raised."""
    if not outbox_claim(model, pk, now=timezone.now()):
        return False  # sent already, being sent by another worker, or given up
    email = model.objects.get(pk=pk)
    try:
        build_message(email).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried later, never lost
        model.objects.filter(pk=pk).update(
            status=OutboxStatus.FAILED,
            last_error=type(error).__name__,
            next_attempt_at=timezone.now() + retry_delay(email.attempts),
        )
        logger.warning(
            "Email %s %s could not be sent (attempt %s, %s); it will be retried.",
            model._meta.label,
            pk,
            email.attempts,
            type(error).__name__,
        )
        return False
    # The SMTP server's "accepted" is the commit point: from here the row must say SENT before
    # anything can send it again, so a database that went away is waited for (core.outbox
    # queues a row stuck mid-send again only after RANGKUL_EMAIL_STALE_MINUTES).
    _record_sent(model, pk)
    return True


def _record_sent(model, pk):
    pause = 1
    while True:
        try:
            model.objects.filter(pk=pk).update(
                status=OutboxStatus.SENT, last_error="", sent_at=timezone.now(), next_attempt_at=None
            )
            return
        except DatabaseError as error:
            if connection.in_atomic_block:
                raise  # inside a transaction there is no reconnecting; the caller's rollback decides
            logger.warning(
                "Email %s %s was sent but the database is unreachable (%s); recording it again in %s s.",
                model._meta.label,
                pk,
                type(error).__name__,
                pause,
            )
            connection.close()
            time.sleep(pause)
            pause = min(pause * 2, RECORD_SENT_LONGEST_PAUSE)


def outbox_due(model, *, now):
    """Emails to queue again: failed ones whose backoff has passed, and ones that waited or stalled too long."""
    stale = now - datetime.timedelta(minutes=settings.RANGKUL_EMAIL_STALE_MINUTES)
    return model.objects.filter(attempts__lt=settings.RANGKUL_EMAIL_MAX_ATTEMPTS).filter(
        Q(status=OutboxStatus.FAILED, next_attempt_at__lte=now)
        | Q(status=OutboxStatus.PENDING, created_at__lt=stale)
        # A worker that stopped mid-send never recorded the outcome: count it as a failed attempt.
        | Q(status=OutboxStatus.SENDING, claimed_at__lt=stale)
    )


def outbox_retry(model, task, *, now):
    """Queue again what is due (run every few minutes from cron). Returns how many."""
    due = outbox_due(model, now=now)
    ids = list(due.values_list("pk", flat=True))
    model.objects.filter(pk__in=ids, status=OutboxStatus.SENDING).update(
        status=OutboxStatus.FAILED, next_attempt_at=now
    )
    for pk in ids:
        task.enqueue(pk)
    return len(ids)


def outbox_send_again(model, task, *, pk, user):
    """Staff send a failed email again, even after the last automatic attempt. False if it has not failed."""
    with transaction.atomic():
        email = model.objects.select_for_update().filter(pk=pk).first()
        if email is None or email.status != OutboxStatus.FAILED:
            return False
        email.status = OutboxStatus.PENDING
        email.attempts = 0
        email.next_attempt_at = None
        email.save(update_fields=["status", "attempts", "next_attempt_at"])
        log(instance=email, action="outbox.send_again", user=user)
        transaction.on_commit(lambda: task.enqueue(pk))
    return True
