"""Offerings that ask people to confirm by email: the place is held, then final or given back."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.models import Booking, BookingStatus, Session, WaitingListEntry
from booking.services import holds
from core.errors import RuleError
from core.periodic import run_due
from tests import clock
from tests.booking.factories import OfferingFactory, SessionFactory, WaitingListEntryFactory
from tests.booking.test_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    offering = OfferingFactory(slug="kelompok-konfirmasi", places_per_session=1, confirm_within_minutes=30)
    start = clock.now() + datetime.timedelta(days=3)
    return SessionFactory(offering=offering, start=start, original_start=start)


def book(client, session, email="ayu@contoh.id", commit=None):
    with commit(execute=True):
        return client.post("/id/booking/kelompok-konfirmasi/", form_data(session, email=email))


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def places_left(session):
    return Session.objects.with_places_taken().get(pk=session.pk).places_left


def test_the_place_is_held_until_the_person_confirms_from_the_email(
    client, session, django_capture_on_commit_callbacks
):
    response = book(client, session, commit=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.PENDING
    assert places_left(session) == 0  # nobody else can take it meanwhile
    confirmed_page = page(client.get(response["Location"])).get_text(" ", strip=True)
    assert "ditahan selama 30 menit" in confirmed_page

    (request,) = mail.outbox
    assert request.subject == "Mohon konfirmasi janji temumu"
    assert f"/id/booking/manage/{booking.manage_token}/" in request.body
    assert not [part for part in request.attachments if "calendar" in str(part)]  # not final: no calendar yet

    manage = client.get(f"/id/booking/manage/{booking.manage_token}/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING  # opening the link (or a mail scanner) changes nothing
    assert page(manage).select_one(f"form[action='/id/booking/manage/{booking.manage_token}/confirm/']")

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/id/booking/manage/{booking.manage_token}/confirm/")
    assert confirmed.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.confirm_by is None
    assert mail.outbox[-1].subject == "Janji temu kamu sudah dikonfirmasi"
    assert any("text/calendar" in str(part) for part in mail.outbox[-1].attachments)


def test_a_hold_not_confirmed_in_time_goes_back_to_the_waiting_list(
    client, session, django_capture_on_commit_callbacks
):
    book(client, session, commit=django_capture_on_commit_callbacks)
    booking = Booking.objects.get()
    waiting = WaitingListEntryFactory(session=session)
    later = clock.now() + datetime.timedelta(minutes=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_due(now=later)["holds_released"] == 1
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == "offered"  # the first in line is offered the place
    with pytest.raises(RuleError) as error:
        holds.booking_confirm(booking_id=booking.pk, now=later)
    assert error.value.code == "hold_expired"
    late = client.post(f"/id/booking/manage/{booking.manage_token}/confirm/")
    assert late.status_code == 409
    assert "waktu untuk konfirmasi sudah habis" in page(late).get_text().lower()


def test_an_ended_hold_is_given_back_before_the_next_person_books(session):
    from booking.services import bookings
    from booking.services.bookings import Person

    now = clock.now()
    first = bookings.booking_create(
        session_id=session.pk,
        person=Person(name="A", email="a@contoh.id", age_group="18_plus"),
        language="id",
        now=now,
    )
    with pytest.raises(RuleError):
        bookings.booking_create(
            session_id=session.pk,
            person=Person(name="B", email="b@contoh.id", age_group="18_plus"),
            language="id",
            now=now,
        )
    later = now + datetime.timedelta(minutes=31)
    second = bookings.booking_create(
        session_id=session.pk,
        person=Person(name="B", email="b@contoh.id", age_group="18_plus"),
        language="id",
        now=later,
    )
    first.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED and second.status == BookingStatus.PENDING
    assert not WaitingListEntry.objects.exists()
