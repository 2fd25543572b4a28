"""Transactions for writes that lock rows, with bounded lock waits.

Booking and buddy writes take their row locks in one documented order (booking/services/places.py,
buddies/services.py); a wait that still runs too long, or a deadlock the database breaks,
becomes a translated "busy, try again" (a 503 on the page), never a hang or a 500.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext_lazy as _

from core.errors import RuleError

logger = logging.getLogger(__name__)


# PostgreSQL's lock timeout and deadlock; SQLite's busy database.
BUSY_SQLSTATES = {"55P03", "40P01"}


def _is_lock_timeout(error):
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) in BUSY_SQLSTATES or "database is locked" in str(error)


@contextmanager
def locked_transaction():
    """A transaction whose lock waits are bounded: a long wait becomes "busy, try again", never a hang.

    Every booking and buddy write runs in one.
    """
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)",
                        [f"{settings.BOOKING_LOCK_TIMEOUT_MS}ms"],
                    )
            yield
    except OperationalError as error:
        if not _is_lock_timeout(error):
            raise
        logger.warning("A booking write waited too long for a lock or met a deadlock; answered as busy.")
        raise RuleError(
            _("We are very busy right now. Please try again in a moment."), code="busy", field="session"
        ) from error
