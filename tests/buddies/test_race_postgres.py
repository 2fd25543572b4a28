"""Buddy places under concurrent sign-ups, run as a race on PostgreSQL."""

import threading

import pytest
from django.db import connection

from buddies import services as buddy_services
from buddies.models import BuddySignup, Side
from core.errors import RuleError
from tests import clock
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory

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
        except RuleError as error:
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


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_and_a_proposal_in_the_same_program_never_deadlock():
    from buddies.models import BuddyPair, SignupStatus
    from buddies.services import pair_propose, signup_withdraw
    from tests.booking.test_race_postgres import _deadlocked

    program = BuddyProgramFactory(mentees_per_buddy=1, buddy_places=20, mentee_places=20)
    failures = []
    for round_number in range(6):
        leaving = BuddySignupFactory(
            program=program, side=Side.BUDDY, year=8, school_class=f"8{round_number}"
        )
        staying = BuddySignupFactory(
            program=program,
            side=Side.BUDDY,
            year=9,
            school_class=f"9{round_number}",
            approved=True,
            training_completed=True,
        )
        mentee = BuddySignupFactory(program=program, side=Side.MENTEE, school_class=f"7{round_number}")
        BuddyPair.objects.create(program=program, buddy=leaving, mentee=BuddySignupFactory(program=program))
        start_line = threading.Barrier(2)

        def withdraw(signup=leaving, start_line=start_line):
            start_line.wait()
            try:
                signup_withdraw(signup_id=signup.pk, now=clock.now())
            except RuleError as error:
                failures.append(error)
            finally:
                connection.close()

        def propose(buddy=staying, student=mentee, start_line=start_line):
            start_line.wait()
            try:
                pair_propose(program_id=program.pk, buddy_id=buddy.pk, mentee_id=student.pk, user=None)
            except RuleError as error:
                failures.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=withdraw), threading.Thread(target=propose)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        leaving.refresh_from_db()
        assert leaving.status == SignupStatus.WITHDRAWN
    assert [error for error in failures if _deadlocked(error)] == []
    assert failures == []
