"""What the attack tests share: the slots an attacker tries to take."""

import datetime

import pytest

from tests import clock
from tests.booking.factories import CounselorFactory, OfferingFactory, SessionFactory


@pytest.fixture(autouse=True)
def _limits_counted_in_one_window(clock_stopped):
    """Every try of these tests falls in the same rate-limit window (see clock_stopped)."""


@pytest.fixture
def slots():
    """One-to-one counseling with 30 free slots: what the attacker tried to take."""
    offering = OfferingFactory(slug="konseling", kind="individual", places_per_session=1)
    start = (clock.now() + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    counselors = [CounselorFactory(name=f"Konselor {number}") for number in range(30)]
    return [
        SessionFactory(offering=offering, counselor=counselor, start=start, original_start=start)
        for counselor in counselors
    ]
