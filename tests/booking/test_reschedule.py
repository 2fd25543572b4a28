"""Moving a booking to another time from the manage link: one atomic step, same calendar entry."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from icalendar import Calendar

from booking.models import Booking, Session
from booking.services import bookings
from core.errors import RuleError
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering():
    return OfferingFactory(slug="kelompok-pindah", places_per_session=1)


def session_in(offering, days):
    start = clock.now() + datetime.timedelta(days=days)
    return SessionFactory(offering=offering, start=start, original_start=start)


def places_left(session):
    return Session.objects.with_places_taken().get(pk=session.pk).places_left


def test_a_person_moves_to_another_time_from_the_manage_link(
    client, offering, django_capture_on_commit_callbacks
):
    old, new = session_in(offering, 3), session_in(offering, 5)
    booking = BookingFactory(session=old, email="ayu@contoh.id")
    page = BeautifulSoup(client.get(f"/id/booking/manage/{booking.manage_token}/").content, "html.parser")
    option = page.select_one(f"select[name=session] option[value='{new.pk}']").get_text()
    # Short enough for a phone's select box: the day, the times and the zone, no year.
    assert option.endswith(" WIB") and str(new.start.year) not in option and len(option) <= 30
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/id/booking/manage/{booking.manage_token}/move/", {"session": str(new.pk)})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.session == new and booking.calendar_sequence == 1
    assert (places_left(old), places_left(new)) == (1, 0)
    (message,) = mail.outbox
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert event["uid"] == f"{booking.calendar_uid}@rangkul" and event["sequence"] == 1
    assert event.decoded("dtstart") == new.start.replace(microsecond=0)
    assert "sesuai permintaanmu" in message.body and "staf" not in message.body  # their own move
    from privacy.requests import person_export, records_for_email

    exported = person_export(records_for_email("ayu@contoh.id", user=None), user=None)
    assert [email["kind"] for email in exported["bookings"][0]["emails_sent"]] == [
        "Dipindah ke waktu lain oleh orangnya"
    ]


def test_if_the_new_time_has_just_filled_up_nothing_changes(client, offering):
    old, new = session_in(offering, 3), session_in(offering, 5)
    booking = BookingFactory(session=old)
    page = client.get(f"/id/booking/manage/{booking.manage_token}/")  # the form offered the new time
    assert page.status_code == 200
    BookingFactory(session=new)  # someone else takes it meanwhile
    with pytest.raises(RuleError) as error:
        bookings.booking_reschedule(booking_id=booking.pk, new_session_id=new.pk, now=clock.now())
    assert error.value.code == "full"
    booking.refresh_from_db()
    assert booking.session == old and booking.calendar_sequence == 0
    response = client.post(f"/id/booking/manage/{booking.manage_token}/move/", {"session": str(new.pk)})
    assert response.status_code in (400, 409)
    assert BeautifulSoup(response.content, "html.parser").select_one(".error-summary a[href='#id_session']")
    assert Booking.objects.get(pk=booking.pk).session == old


def test_no_move_after_the_cutoff_or_to_another_offering(offering):
    soon = session_in(offering, 0.2)
    booking = BookingFactory(session=soon)
    later = session_in(offering, 5)
    with pytest.raises(RuleError) as error:
        bookings.booking_reschedule(booking_id=booking.pk, new_session_id=later.pk, now=clock.now())
    assert error.value.code == "cutoff"
    elsewhere = session_in(OfferingFactory(), 6)
    other_booking = BookingFactory(session=session_in(offering, 4))
    with pytest.raises(RuleError) as error:
        bookings.booking_reschedule(booking_id=other_booking.pk, new_session_id=elsewhere.pk, now=clock.now())
    assert error.value.code == "missing"
