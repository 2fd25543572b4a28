"""Staff add a walk-in, a phoned-in or a referred student to a session, under the booking rules."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import ModelLogEntry

from booking.models import Booking, BookingStatus, Closure, WaitingListEntry
from staff.roles import COUNSELOR, EDITORS
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory
from tests.staff.test_permission_matrix import answer, refused
from tests.staff.test_roles import staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def counselor(django_user_model):
    user, client = staff_client(django_user_model, "konselor", COUNSELOR)
    return CounselorFactory(name="Bu Ratna", user=user), client


def group_session(counselor, *, places=2, hours_ahead=1):
    offering = OfferingFactory(kind="group", places_per_session=places, minimum_notice_hours=24)
    start = clock.now() + datetime.timedelta(hours=hours_ahead)
    return SessionFactory(offering=offering, counselor=counselor, start=start, original_start=start)


def walk_in(**overrides):
    data = {
        "name": "Dimas",
        "email": "",
        "age_group": "18_plus",
        "contact_channel": "email",
        "language": "id",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_walk_in_without_email_is_added_inside_the_notice_period_and_emailed_nothing(
    counselor, django_capture_on_commit_callbacks
):
    person, client = counselor
    session = group_session(person)  # starts in an hour; online bookings closed a day before
    address = f"/admin/booking/sessions/{session.pk}/add-person/"
    page = client.get(address)
    assert page.status_code == 200 and "Tambah orang" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address, walk_in())
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.name, booking.email, booking.status) == ("Dimas", "", BookingStatus.CONFIRMED)
    assert mail.outbox == [] and not booking.emails.exists()
    entry = ModelLogEntry.objects.get(object_id=str(booking.pk), action="booking.added_by_staff")
    assert entry.user == person.user
    # A second walk-in without email takes the other place; a third finds the session full.
    assert client.post(address, walk_in(name="Sari")).status_code == 302
    full = client.post(address, walk_in(name="Tono"))
    assert full.status_code == 400 and "baru saja penuh" in full.content.decode()


def test_a_phoned_in_student_with_email_gets_the_confirmation_in_their_language(
    counselor, django_capture_on_commit_callbacks
):
    person, client = counselor
    session = group_session(person, hours_ahead=48)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/booking/sessions/{session.pk}/add-person/",
            walk_in(name="Maya", email="Maya@Contoh.id", language="en", tell_person="on"),
        )
    (message,) = mail.outbox
    assert message.to == ["maya@contoh.id"] and message.subject == "Your appointment is confirmed"
    booking = Booking.objects.get()
    assert f"/en/booking/manage/{booking.manage_token}/" in message.body


def test_the_same_rules_hold_for_staff(counselor):
    person, client = counselor
    session = group_session(person, hours_ahead=48)
    address = f"/admin/booking/sessions/{session.pk}/add-person/"
    minor = client.post(address, walk_in(age_group="13_15"))
    assert minor.status_code == 400 and "perlu persetujuan orang tua" in minor.content.decode()
    assert client.post(address, walk_in(tell_person="on")).status_code == 400  # no email to send to
    BookingFactory(session=session, email="ayu@contoh.id")
    again = client.post(address, walk_in(name="Ayu", email="ayu@contoh.id"))
    assert again.status_code == 400 and "sudah punya tempat di sesi ini" in again.content.decode()
    closed_day = session.start.astimezone(clock.WIB).date()
    Closure.objects.create(title="Libur", start_date=closed_day, end_date=closed_day)
    closed = client.post(address, walk_in(name="Budi"))
    assert closed.status_code == 400 and "tutup" in closed.content.decode()
    assert Booking.objects.count() == 1


def test_only_the_sessions_counselor_and_coordinators_add_people(counselor, django_user_model):
    person, _client = counselor
    other_user, other_client = staff_client(django_user_model, "konselor-lain", COUNSELOR)
    CounselorFactory(user=other_user)
    _editor, editor_client = staff_client(django_user_model, "editor", EDITORS)
    session = group_session(person, hours_ahead=48)
    address = f"/admin/booking/sessions/{session.pk}/add-person/"
    assert answer(other_client, "post", address, **walk_in()).status_code == 404
    assert refused(answer(editor_client, "post", address, **walk_in()))
    assert not Booking.objects.exists()


def test_a_full_session_takes_them_on_its_waiting_list_with_an_email(
    counselor, django_capture_on_commit_callbacks
):
    person, client = counselor
    session = group_session(person, places=1, hours_ahead=48)
    session.offering.waiting_list = "in_turn"
    session.offering.save()
    BookingFactory(session=session)
    address = f"/admin/booking/sessions/{session.pk}/add-person/"
    form = client.get(address).content.decode()
    # A place is offered from the waiting list by email: the email is asked for, no confirmation to tick.
    assert "Masukkan ke daftar tunggu" in form and 'name="tell_person"' not in form
    no_email = client.post(address, walk_in(to_waiting_list="1"))
    assert no_email.status_code == 400 and "ditawarkan lewat email" in no_email.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        added = client.post(address, walk_in(name="Rani", email="rani@contoh.id", to_waiting_list="1"))
    assert added.status_code == 302
    entry = WaitingListEntry.objects.get()
    assert (entry.name, entry.position) == ("Rani", 1) and [m.to for m in mail.outbox] == [["rani@contoh.id"]]
    assert (
        ModelLogEntry.objects.get(object_id=str(entry.pk), action="booking.waiting_joined").user
        == person.user
    )


def test_a_waiting_list_form_posted_once_a_place_is_free_is_drawn_again_as_a_booking(counselor):
    person, client = counselor
    session = group_session(person, places=1, hours_ahead=48)
    session.offering.waiting_list = "in_turn"
    session.offering.save()
    address = f"/admin/booking/sessions/{session.pk}/add-person/"
    # The form was opened while the session was full; its place has been freed since.
    refused = client.post(address, walk_in(name="Rani", email="rani@contoh.id", to_waiting_list="1"))
    assert refused.status_code == 400
    page = BeautifulSoup(refused.content, "html.parser")
    assert "baru saja ada tempat kosong" in page.get_text()
    # Now a booking form: the confirmation can be chosen again, and what was typed is kept.
    assert page.select_one("input[name=tell_person]") is not None
    assert page.select_one("button[name=to_waiting_list]") is None
    assert page.select_one("#id_email")["value"] == "rani@contoh.id"
    assert not WaitingListEntry.objects.exists() and not Booking.objects.exists()
