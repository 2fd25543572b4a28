"""Buddy places under concurrent sign-ups, run as a race on PostgreSQL."""

import threading

import pytest
from django.db import connection

from booking.rules import BookingError
from buddies import services as buddy_services
from buddies.models import BuddySignup, Side
from tests import clock
from tests.buddies.factories import BuddyProgramFactory

pytestmark = [pytest.mark.postgres]

CONTENDERS = 12


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("races are run on PostgreSQL (make test with RANGKUL_TEST_POSTGRES_URL)")


@pytest.fixture(autouse=True)
def bursts_allowed(settings):
    # Many contenders from one address is the point here; the limits have their own tests.
    settings.RANGKUL_RATE_LIMITS_ENABLED = False


@pytest.mark.django_db(transaction=True)
def test_buddy_places_hold_when_students_sign_up_at_the_same_time():
    program = BuddyProgramFactory(mentee_places=3)
    start_line = threading.Barrier(CONTENDERS)
    outcomes = []

    def sign_up(number):
        start_line.wait()
        student = buddy_services.Student(
            first_name=f"Siswa {number}",
            email=f"siswa{number}@contoh.id",
            school_class="7A",
            year=7,
            age_group="18_plus",
            languages=["id"],
            free_periods=["lunch"],
        )
        try:
            buddy_services.signup_create(
                program_id=program.pk, side=Side.MENTEE, student=student, language="id", now=clock.now()
            )
            outcomes.append("signed up")
        except BookingError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(number,)) for number in range(CONTENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("signed up") == 3
    assert set(outcomes) == {"signed up", "full"}
    assert BuddySignup.objects.filter(program=program).count() == 3
