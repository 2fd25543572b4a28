"""The periodic task: ``booking.periodic.run_due`` every few minutes, for sites that run a task worker.

Cron running ``manage.py booking_run_due`` does the same; use one or the other.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from booking.periodic import run_due


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
