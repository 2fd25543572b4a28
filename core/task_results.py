"""Task results that a stopped worker left behind.

A worker that is killed, or loses its database mid-task, cannot record how the task ended:
its result stays "running" for ever and the task admin shows work that is not happening.
Anything running longer than any of our tasks takes is closed as failed; what the task was
doing is recovered by its own owner (an email stuck mid-send is retried by core.outbox).
"""

import datetime

from django.conf import settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

ABANDONED = "core.task_results.WorkerStopped"


def task_results_abandoned_close(*, now):
    """Mark results running since before the stale limit as failed. Returns how many."""
    stale = now - datetime.timedelta(minutes=settings.RANGKUL_EMAIL_STALE_MINUTES)
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=stale)
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=ABANDONED,
            traceback="The worker stopped before the task finished.",
        )
    )


def task_result_queue_again(pk):
    """A task its worker could not finish because the database went away: to be run again."""
    DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )
