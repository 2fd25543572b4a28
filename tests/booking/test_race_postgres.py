"""The race for the last places, run as a race: concurrent HTTP requests against a live
server on PostgreSQL. Exactly the free places may succeed."""

import datetime
import re
import threading

import pytest
import requests
from django.db import connection
from django.utils import timezone

from booking.models import Booking, BookingStatus, Session
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CONTENDERS = 16
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the booking race is run on PostgreSQL (make test with RANGKUL_TEST_POSTGRES_URL)")


def test_only_the_free_places_are_taken_under_concurrent_requests(live_server):
    offering = OfferingFactory(slug="kelompok-balapan", places_per_session=5)
    start = timezone.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    for number in range(2):
        BookingFactory(session=session, email=f"awal{number}@contoh.id")
    Session.objects.filter(pk=session.pk).update(booked=2)
    url = f"{live_server.url}/id/booking/kelompok-balapan/"

    clients = []
    for _number in range(CONTENDERS):
        client = requests.Session()
        page = client.get(url, timeout=30)
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
    assert all(status in (302, 400, 409) for status in statuses), statuses
    session.refresh_from_db()
    assert session.booked == 5
    assert Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).count() == 5
