"""Races run as races on PostgreSQL: concurrent HTTP requests for the last places against a
live server (exactly the free places may succeed), and two email workers on one outbox
(each email is sent exactly once)."""

import datetime
import re
import threading

import pytest
import requests
from django.core import mail
from django.db import connection

from booking.emails.messages import booking_email_send
from booking.models import (
    Booking,
    BookingEmail,
    BookingEmailKind,
    BookingStatus,
    Session,
    WaitingListStatus,
)
from booking.services import bookings, waitlist
from booking.services.bookings import Person
from core.errors import RuleError
from core.models import OutboxStatus
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    SessionFactory,
    WaitingListEntryFactory,
)

pytestmark = [pytest.mark.postgres]

CONTENDERS = 16
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the booking race is run on PostgreSQL (make test with RANGKUL_TEST_POSTGRES_URL)")


@pytest.fixture(autouse=True)
def bursts_allowed(settings):
    # Many contenders from one address is the point here; the limits have their own tests.
    settings.RANGKUL_RATE_LIMITS_ENABLED = False


@pytest.mark.django_db(transaction=True)
def test_only_the_free_places_are_taken_under_concurrent_requests(live_server):
    offering = OfferingFactory(slug="kelompok-balapan", places_per_session=5)
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    for number in range(2):
        BookingFactory(session=session, email=f"awal{number}@contoh.id")
    url = f"{live_server.url}/id/booking/kelompok-balapan/"

    clients = []
    for _number in range(CONTENDERS):
        client = requests.Session()
        page = client.get(f"{url}?session={session.pk}", timeout=30)  # the details form
        assert page.status_code == 200
        clients.append((client, CSRF_INPUT.search(page.text).group(1)))

    start_line = threading.Barrier(CONTENDERS)
    statuses = []

    def contend(number, client, token):
        data = {
            "csrfmiddlewaretoken": token,
            "session": str(session.pk),
            "name": f"Siswa {number}",
            "email": f"siswa{number}@contoh.id",
            "age_group": "18_plus",
            "contact_channel": "email",
            "privacy_consent": "on",
        }
        start_line.wait()
        response = client.post(url, data=data, allow_redirects=False, timeout=60)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=contend, args=(n, *clients[n])) for n in range(CONTENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == CONTENDERS
    assert statuses.count(302) == 3
    assert all(status in (302, 400, 409, 503) for status in statuses), statuses
    assert Session.objects.with_places_taken().get(pk=session.pk).places_left == 0
    assert Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_email_exactly_once():
    session = SessionFactory()
    booking_emails = [
        BookingEmail.objects.create(
            booking=BookingFactory(session=session), kind=BookingEmailKind.CONFIRMATION
        )
        for _number in range(20)
    ]
    ids = [booking_email.pk for booking_email in booking_emails]
    start_line = threading.Barrier(2)
    sent = []

    def worker(order):
        start_line.wait()
        try:
            sent.extend(email_id for email_id in order if booking_email_send(email_id=email_id))
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(order,)) for order in (ids, list(reversed(ids)))]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    assert sorted(sent) == sorted(ids)
    assert len(mail.outbox) == 20
    assert set(BookingEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def run_together(calls):
    """Run the calls in threads released at once; each result is the call's value or the RuleError code."""
    start_line = threading.Barrier(len(calls))
    results = []

    def contend(call):
        start_line.wait()
        try:
            results.append(call())
        except RuleError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=contend, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_an_offered_place_is_claimed_once_and_only_once():
    session = SessionFactory(offering=OfferingFactory(places_per_session=1))
    BookingFactory(session=session)
    entry = WaitingListEntryFactory(session=session)
    bookings.booking_cancel(booking_id=session.bookings.get().pk, now=clock.now())
    entry.refresh_from_db()
    assert entry.status == WaitingListStatus.OFFERED
    visitor = Person(name="Tamu", email="tamu@contoh.id", age_group="18_plus")
    results = run_together(
        [lambda: waitlist.waitlist_claim(entry_id=entry.pk, now=clock.now()) for _number in range(6)]
        + [
            lambda: bookings.booking_create(
                session_id=session.pk, person=visitor, language="id", now=clock.now()
            )
        ]
    )
    assert sum(isinstance(result, Booking) for result in results) == 1
    assert Booking.objects.taking_a_place().filter(session=session).get().email == entry.email


@pytest.mark.django_db(transaction=True)
def test_tell_everyone_the_first_to_book_wins_and_only_one():
    session = SessionFactory(offering=OfferingFactory(places_per_session=1, waiting_list="everyone"))
    BookingFactory(session=session)
    entries = [WaitingListEntryFactory(session=session) for _number in range(8)]
    bookings.booking_cancel(booking_id=session.bookings.get().pk, now=clock.now())
    results = run_together(
        [
            (lambda entry=entry: waitlist.waitlist_claim(entry_id=entry.pk, now=clock.now()))
            for entry in entries
        ]
    )
    assert sum(isinstance(result, Booking) for result in results) == 1
    assert set(results) - {r for r in results if isinstance(r, Booking)} <= {"full", "busy"}
    assert Booking.objects.taking_a_place().filter(session=session).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_email_racing_for_many_slots_gets_one_upcoming_appointment():
    offering = OfferingFactory(slug="konseling-balapan", kind="individual", places_per_session=1)
    start = clock.now() + datetime.timedelta(days=3)
    sessions = [
        SessionFactory(offering=offering, counselor=CounselorFactory(), start=start, original_start=start)
        for _number in range(8)
    ]
    start_line = threading.Barrier(len(sessions))
    codes = []

    def contend(session):
        start_line.wait()
        try:
            bookings.booking_create(
                session_id=session.pk,
                person=Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus"),
                language="id",
                now=clock.now(),
            )
            codes.append("booked")
        except RuleError as error:
            codes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=contend, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == ["booked"] + ["open_booking_limit"] * 7
    assert Booking.objects.filter(email="ayu@contoh.id").count() == 1


def _deadlocked(error):
    """Whether a "busy" answer came from a deadlock the database had to break (40P01)."""
    while error is not None:
        if getattr(error, "sqlstate", None) == "40P01":
            return True
        error = error.__cause__
    return False


@pytest.mark.django_db(transaction=True)
def test_staff_saving_an_offering_while_people_book_never_deadlocks():
    import time

    from django.db import transaction

    from booking.models import Offering

    offering = OfferingFactory(slug="kelompok-sibuk", places_per_session=20, open_bookings_per_person=1)
    start = clock.now() + datetime.timedelta(days=3)
    sessions = [
        SessionFactory(offering=offering, start=start + datetime.timedelta(days=day), original_start=start)
        for day in range(4)
    ]
    outcomes, deadlocks = [], []

    def save_offering(round_number):
        # As the admin's edit view does: Wagtail updates the offering row, then the people booked are told.
        try:
            with transaction.atomic():
                Offering.objects.filter(pk=offering.pk).update(location=f"Ruang {round_number}")
                time.sleep(0.05)  # the admin's save is slower than a booking: the window a deadlock needs
                bookings.offering_staff_update(
                    offering=offering, changed_fields=["location"], now=clock.now()
                )
            outcomes.append("saved")
        except RuleError as error:
            deadlocks.extend([error] if _deadlocked(error) else [])
            outcomes.append(error.code)
        finally:
            connection.close()

    def book(session, number):
        try:
            bookings.booking_create(
                session_id=session.pk,
                person=Person(name="Ayu", email=f"orang{number}@contoh.id", age_group="18_plus"),
                language="id",
                now=clock.now(),
            )
            outcomes.append("booked")
        except RuleError as error:
            deadlocks.extend([error] if _deadlocked(error) else [])
            outcomes.append(error.code)
        finally:
            connection.close()

    for round_number in range(5):
        threads = [threading.Thread(target=save_offering, args=(round_number,))] + [
            threading.Thread(target=book, args=(sessions[number % 4], round_number * 10 + number))
            for number in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert deadlocks == []
    assert outcomes.count("saved") == 5 and outcomes.count("booked") == 40, outcomes
