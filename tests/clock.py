"""The one clock the tests read, and the moments the clock sweep sets it to.

Tests and factories take "now" and "today" from here, never from ``clock.now()`` or
``localdate()`` directly. With ``RANGKUL_TEST_CLOCK`` set to a moment's name (or an ISO date-time
with its offset), ``tests/conftest.py`` moves the whole process's clock to that moment at the
start of every test, with time-machine, and lets it tick: the code under test, the live server
thread of the browser tests and these functions all see the same moment. Without it the tests
run on the real clock.

The moments are the ones where a date-dependent test would break: early on a Monday, a minute
before an afternoon session, late on a Friday (the week turns), a Sunday, the last minutes of
the year, and the day before a public holiday.
"""

import datetime
import os
import zoneinfo

from django.utils import timezone

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")

SWEEP = {
    "monday-0600": datetime.datetime(2026, 12, 7, 6, 0, tzinfo=WIB),
    "tuesday-1459": datetime.datetime(2026, 12, 8, 14, 59, tzinfo=WIB),
    "friday-2330": datetime.datetime(2026, 12, 11, 23, 30, tzinfo=WIB),
    "sunday-2000": datetime.datetime(2026, 12, 13, 20, 0, tzinfo=WIB),
    "new-year-eve-2350": datetime.datetime(2026, 12, 31, 23, 50, tzinfo=WIB),
    "before-christmas": datetime.datetime(2026, 12, 24, 9, 0, tzinfo=WIB),
}


def sweep_moment() -> datetime.datetime | None:
    """The moment ``RANGKUL_TEST_CLOCK`` names, or None for the real clock."""
    wanted = os.environ.get("RANGKUL_TEST_CLOCK", "").strip()
    if not wanted or wanted == "real":
        return None
    if wanted in SWEEP:
        return SWEEP[wanted]
    moment = datetime.datetime.fromisoformat(wanted)
    if moment.tzinfo is None:
        raise ValueError(f"RANGKUL_TEST_CLOCK={wanted!r} needs its offset, e.g. 2026-12-08T14:59+07:00")
    return moment


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    """Today in the site's zone (WIB)."""
    return timezone.localdate()
