"""The one periodic run: every app registers what it does by the clock, and ``run_due`` runs it all.

Behind both ``manage.py booking_run_due`` (cron) and the periodic task
``booking.tasks.run_due_periodically``. Each step is safe to run twice: what it sends is
recorded in the same transaction, under a unique constraint, so nothing goes out twice.
Apps register from ``ready()`` in INSTALLED_APPS order, which is the order the steps run in.
"""

import itertools

from django.db import transaction

STEPS = {}


def register_due(name, step):
    """``step(now=...)`` returns how many things it did; ``name`` is its key in ``run_due``'s counts."""
    STEPS[name] = step


def run_due(*, now):
    """Everything that is due now, as {step name: how many}."""
    return {name: step(now=now) for name, step in STEPS.items()}


def each_in_batches(items, handle, *, size=200):
    """Call ``handle(item)`` for each item, committing once per ``size`` items; the sum of what it returns.

    ``handle`` guards its own writes with a savepoint (a nested atomic block), so one item
    that another run got to first costs only itself; a batch commits together, so thousands
    of items do not pay for thousands of commits.
    """
    done = 0
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        with transaction.atomic():
            done += sum(handle(item) for item in batch)
    return done
