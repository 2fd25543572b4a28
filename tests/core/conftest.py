"""A real database task queue, and its worker run until the queue is empty."""

import pytest
from django.core.management import call_command


@pytest.fixture
def database_queue(settings, monkeypatch):
    # The worker recycles connections between tasks; inside the test's transaction that
    # would close the connection the test runs on.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    monkeypatch.setattr("core.management.commands.worker.connections.close_all", lambda: None)
    monkeypatch.setattr("core.management.commands.worker.time.sleep", lambda seconds: None)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["email", "periodic", "exports"],
        },
    }


def run_queue(name):
    call_command("worker", "--backend", "background", "--queue-name", name, "--batch", verbosity=0)
