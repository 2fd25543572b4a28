"""Everything booking runs later, on a task worker: its emails, and the periodic run.

Task paths are stored with each queued task (django-tasks-db): moving a task to another
module needs a migration that rewrites the queued ones (see migration 0013).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from booking.emails.messages import booking_email_send, waiting_list_email_send
from core.periodic import run_due


@task(backend="background", queue_name="email")
def send_booking_email(email_id):
    return booking_email_send(email_id=email_id)


@task(backend="background", queue_name="email")
def send_waiting_list_email(email_id):
    return waiting_list_email_send(email_id=email_id)


# The periodic run: core.periodic.run_due (every app's steps) every few minutes, for sites that run a task
# worker for the "periodic" queue. Cron running ``manage.py booking_run_due`` does the same.
@task(backend="background", queue_name="periodic")
def run_due_periodically():
    """Run what is due, then queue the next run (unless one is already queued: a second start never doubles it)."""
    now = timezone.now()
    done = run_due(now=now)
    periodic_queue_next(now=now)
    return done


def periodic_queue_next(*, now):
    """Queue the next periodic run. False if one is already waiting."""
    if DBTaskResult.objects.filter(
        task_path=run_due_periodically.module_path, status=TaskResultStatus.READY
    ).exists():
        return False
    run_due_periodically.using(
        run_after=now + datetime.timedelta(minutes=settings.BOOKING_PERIODIC_MINUTES)
    ).enqueue()
    return True
