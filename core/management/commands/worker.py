"""``manage.py worker``: django-tasks-db's ``db_worker``, kept running through database restarts.

The library's worker exits on the first lost connection ("the connection is closed") and
the queue then waits for someone to notice. This one closes the broken connection, waits
(1, 2, 4 … up to 30 seconds) and carries on. A task the lost connection interrupted is
queued again once the database is back: our tasks may run twice (an email row is claimed
before it is sent, so it is never sent twice). A killed worker's task is closed by
core.task_results and its email retried by core.outbox. Takes the same options as
``db_worker`` except ``--reload`` (a production process: restart it to load new code).
"""

import logging
import time

from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from core.task_results import task_result_queue_again, task_results_abandoned_close

logger = logging.getLogger("django_tasks_db")
LONGEST_PAUSE = 30


class ReconnectingWorker(db_worker.Worker):
    interrupted = None

    def run(self):
        pause = 1
        while self.running:
            try:
                self._recover()
                return super().run()
            except DatabaseError as error:
                logger.warning(
                    "Database unreachable (%s); trying again in %s s.", type(error).__name__, pause
                )
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
        return None

    def run_task(self, db_task_result):
        try:
            super().run_task(db_task_result)
        except DatabaseError:
            self.interrupted = db_task_result.pk
            raise

    def _recover(self):
        task_results_abandoned_close(now=timezone.now())
        if self.interrupted is not None:
            task_result_queue_again(self.interrupted)
            self.interrupted = None


class Command(db_worker.Command):
    help = "Run the database task worker, reconnecting when the database restarts."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        worker = ReconnectingWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
        )
        worker.configure_signals()
        worker.run()
