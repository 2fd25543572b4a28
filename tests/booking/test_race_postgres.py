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
from django.utils import timezone

from booking.models import Booking, BookingStatus, Notification, NotificationKind, NotificationStatus, Session
from booking.notifications import notification_send
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory

pytestmark = [pytest.mark.postgres]

CONTENDERS = 16
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the booking race is run on PostgreSQL (make test with RANGKUL_TEST_POSTGRES_URL)")


@pytest.mark.django_db(transaction=True)
def test_only_the_free_places_are_taken_under_concurrent_requests(live_server):
    offering = OfferingFactory(slug="kelompok-balapan", places_per_session=5)
    start = timezone.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    for number in range(2):
        BookingFactory(session=session, email=f"awal{number}@contoh.id")
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
    assert all(status in (302, 400, 409, 503) for status in statuses), statuses
    assert Session.objects.with_places_taken().get(pk=session.pk).places_left == 0
    assert Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_email_exactly_once():
    session = SessionFactory()
    notifications = [
        Notification.objects.create(
            booking=BookingFactory(session=session), kind=NotificationKind.CONFIRMATION
        )
        for _number in range(20)
    ]
    ids = [notification.pk for notification in notifications]
    start_line = threading.Barrier(2)
    sent = []

    def worker(order):
        start_line.wait()
        try:
            sent.extend(
                notification_id
                for notification_id in order
                if notification_send(notification_id=notification_id)
            )
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(order,)) for order in (ids, list(reversed(ids)))]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    assert sorted(sent) == sorted(ids)
    assert len(mail.outbox) == 20
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}
