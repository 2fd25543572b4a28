import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from booking.models import (
    Booking,
    BookingEmail,
    BookingStatus,
    Closure,
    Session,
    SessionStatus,
)
from booking.services import bookings
from booking.services.bookings import Person
from core.errors import RuleError
from core.models import OutboxStatus
from core.outbox import outboxes_retry
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory

from .conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(now):
    return SessionFactory(start=local(2026, 12, 3, 15), original_start=local(2026, 12, 3, 15))


@pytest.fixture
def book(committed):
    def book(session, person, now, language="id"):
        return committed(
            bookings.booking_create, session_id=session.pk, person=person, language=language, now=now
        )

    return book


def places_left(session):
    return Session.objects.with_places_taken().get(pk=session.pk).places_left


def parse_ics(message):
    (attachment,) = message.attachments
    return Calendar.from_ical(attachment.content if hasattr(attachment, "content") else attachment[1])


def test_booking_takes_a_place_and_sends_a_confirmation_with_calendar(session, person, now, book):
    booking = book(session, person, now)

    assert places_left(session) == 2
    assert booking.email == "ayu@contoh.id"
    assert booking.status == BookingStatus.CONFIRMED
    assert (
        booking.privacy_notice_version == settings.RANGKUL_PRIVACY_NOTICE_VERSION
        and booking.consented_at == now
    )
    assert len(booking.manage_token) >= 43  # 256 random bits, URL-safe
    (message,) = mail.outbox
    assert message.to == ["ayu@contoh.id"]
    assert message.subject == "Janji temu kamu sudah dikonfirmasi"
    assert booking.manage_token in message.body
    assert "Ini bukan layanan darurat" in message.body
    assert "Darurat: 112" in message.body and "WhatsApp 0811-1129-129" in message.body
    event = parse_ics(message).walk("VEVENT")[0]
    assert str(event["summary"]) == "Janji temu"
    assert event["uid"] == f"{booking.calendar_uid}@rangkul"
    assert event.decoded("dtstart") == session.start
    assert BookingEmail.objects.get(booking=booking).status == OutboxStatus.SENT


def test_no_more_bookings_than_places(session, now, book):
    for number in range(3):
        book(session, Person(name=f"S{number}", email=f"s{number}@contoh.id", age_group="18_plus"), now)
    with pytest.raises(RuleError) as error:
        book(session, Person(name="Late", email="late@contoh.id", age_group="18_plus"), now)
    assert error.value.code == "full"
    assert str(error.value.message) == "Maaf, sesi ini baru saja penuh. Silakan pilih waktu lain."
    assert Booking.objects.filter(session=session).count() == 3


def test_one_active_booking_per_email_per_session(session, person, now, book):
    first = book(session, person, now)
    with pytest.raises(RuleError) as error:
        book(session, Person(name="Ayu lagi", email="AYU@contoh.id", age_group="18_plus"), now)
    assert error.value.code == "duplicate" and error.value.field == "email"
    bookings.booking_cancel(booking_id=first.pk, now=now)
    assert book(session, person, now).status == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("start", "code"),
    [
        (local(2026, 11, 30, 8), "past"),
        (local(2026, 11, 30, 20), "notice"),
        (local(2027, 1, 30, 15), "horizon"),
    ],
)
def test_time_rules(start, code, person, now, book):
    session = SessionFactory(start=start, original_start=start)
    with pytest.raises(RuleError) as error:
        book(session, person, now)
    assert error.value.code == code
    assert not Booking.objects.exists()


def test_cancelled_and_closed_sessions_cannot_be_booked(session, person, now, book):
    Closure.objects.create(
        title="Libur", start_date=datetime.date(2026, 12, 3), end_date=datetime.date(2026, 12, 3)
    )
    with pytest.raises(RuleError) as error:
        book(session, person, now)
    assert error.value.code == "closed"
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    with pytest.raises(RuleError) as error:
        book(session, person, now)
    assert error.value.code == "cancelled"


def test_a_stale_session_id_is_a_booking_error(person, now):
    with pytest.raises(RuleError) as error:
        bookings.booking_create(session_id=987654, person=person, language="id", now=now)
    assert error.value.code == "missing"


def test_a_counselor_never_has_two_overlapping_appointments(person, now, book):
    counselor = CounselorFactory()
    individual = OfferingFactory(kind="individual", places_per_session=1, duration_minutes=45)
    other = OfferingFactory(kind="individual", places_per_session=1, duration_minutes=60)
    first = SessionFactory(offering=individual, counselor=counselor, start=local(2026, 12, 3, 13))
    overlapping = SessionFactory(offering=other, counselor=counselor, start=local(2026, 12, 3, 13, 30))
    book(first, person, now)
    with pytest.raises(RuleError) as error:
        book(overlapping, Person(name="Budi", email="budi@contoh.id", age_group="18_plus"), now)
    assert error.value.code == "counselor_busy"


def test_a_counselor_leading_a_group_is_not_free_for_appointments(person, now, book):
    counselor = CounselorFactory()
    SessionFactory(counselor=counselor, start=local(2026, 12, 3, 14))
    slot = SessionFactory(
        offering=OfferingFactory(kind="individual", places_per_session=1),
        counselor=counselor,
        start=local(2026, 12, 3, 14, 30),
    )
    with pytest.raises(RuleError) as error:
        book(slot, person, now)
    assert error.value.code == "counselor_busy"


def test_under_18s_need_a_guardian(session, now, minor, book):
    without_guardian = Person(name="Rina", email="rina@contoh.id", age_group="13_15")
    with pytest.raises(RuleError) as error:
        book(session, without_guardian, now)
    assert error.value.code == "guardian"
    assert book(session, minor, now).guardian_consent


def test_database_refuses_under_18_without_consent_and_a_second_place_for_one_email(session):
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(session=session, age_group="13_15", guardian_consent=False)
    BookingFactory(session=session, email="x@contoh.id")
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(session=session, email="X@contoh.id")


def test_person_cancels_before_the_cutoff_and_gets_a_cancel_calendar(session, person, now, book, committed):
    booking = book(session, person, now)
    mail.outbox.clear()

    committed(bookings.booking_cancel, booking_id=booking.pk, now=now)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and places_left(session) == 3
    (message,) = mail.outbox
    calendar = parse_ics(message)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["method"]) == "CANCEL"
    assert event["uid"] == f"{booking.calendar_uid}@rangkul"
    assert event["sequence"] == 1
    assert str(event["status"]) == "CANCELLED"
    entry = ModelLogEntry.objects.for_instance(booking).get(action="booking.cancelled_online")
    assert entry.user is None


def test_after_the_cutoff_only_staff_can_cancel(session, person, now, admin_user, book):
    booking = book(session, person, now)
    late = session.start - datetime.timedelta(hours=2)
    with pytest.raises(RuleError) as error:
        bookings.booking_cancel(booking_id=booking.pk, now=late)
    assert error.value.code == "cutoff"
    bookings.booking_cancel(booking_id=booking.pk, now=late, user=admin_user)
    assert (
        ModelLogEntry.objects.for_instance(booking).get(action="booking.cancelled_by_staff").user
        == admin_user
    )


def test_attendance_is_recorded_after_the_start_and_logged(session, person, now, admin_user, book):
    booking = book(session, person, now)
    with pytest.raises(RuleError):
        bookings.booking_mark(booking_id=booking.pk, status=BookingStatus.ATTENDED, user=admin_user, now=now)
    bookings.booking_mark(
        booking_id=booking.pk, status=BookingStatus.NO_SHOW, user=admin_user, now=session.start
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.NO_SHOW
    assert (
        ModelLogEntry.objects.for_instance(booking).filter(action="booking.no_show", user=admin_user).exists()
    )


def test_staff_cancel_a_session_and_everyone_booked_is_told(session, now, admin_user, book, committed):
    for number in range(2):
        book(session, Person(name=f"S{number}", email=f"s{number}@contoh.id", age_group="18_plus"), now)
    mail.outbox.clear()

    _session, count = committed(
        bookings.session_cancel, session_id=session.pk, user=admin_user, now=now, note="Konselor sakit"
    )

    assert count == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["s0@contoh.id", "s1@contoh.id"]
    assert all(m.subject == "Janji temu kamu dibatalkan oleh kami" for m in mail.outbox)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert not Booking.objects.filter(session=session, status=BookingStatus.CONFIRMED).exists()


def test_a_failing_mail_server_loses_no_booking_and_the_email_is_retried(
    session, person, now, settings, book
):
    settings.EMAIL_BACKEND = "tests.booking.failing_mail.FailingBackend"
    booking = book(session, person, now)

    booking_email = BookingEmail.objects.get(booking=booking)
    assert Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED).exists()
    assert booking_email.status == OutboxStatus.FAILED
    assert booking_email.last_error == "ConnectionRefusedError"
    assert "ayu" not in booking_email.last_error.lower()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outboxes_retry(now=clock.now()) == 0  # not before its backoff delay
    assert outboxes_retry(now=clock.now() + datetime.timedelta(minutes=6)) == 1
    booking_email.refresh_from_db()
    assert booking_email.status == OutboxStatus.SENT and booking_email.attempts == 2
    assert len(mail.outbox) == 1


def test_staff_cannot_lower_places_below_those_taken(session, person, now, admin_user, book):
    book(session, person, now)
    book(session, Person(name="B", email="b@contoh.id", age_group="18_plus"), now)
    session.places = 1
    with pytest.raises(RuleError) as error:
        bookings.session_staff_update(session=session, changed_fields=["places"], user=admin_user, now=now)
    assert error.value.field == "places"
    session.refresh_from_db()
    assert session.places == 3


def test_in_production_emails_wait_in_the_database_queue_for_the_worker(
    session, person, now, settings, book, monkeypatch
):
    from django.core.management import call_command

    # The worker recycles database connections between tasks; inside this test's
    # transaction that would close the connection the test itself runs on.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["email"]},
    }
    booking = book(session, person, now)
    booking_email = BookingEmail.objects.get(booking=booking)
    assert booking_email.status == OutboxStatus.PENDING
    assert mail.outbox == []

    call_command("worker", "--backend", "background", "--queue-name", "email", "--batch", verbosity=0)

    booking_email.refresh_from_db()
    assert booking_email.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["ayu@contoh.id"]]


def test_a_counselors_weekly_cap_stops_further_slots_that_week(now):
    from booking.selectors import open_sessions

    counselor = CounselorFactory(weekly_appointment_cap=2)
    offering = OfferingFactory(kind="individual", places_per_session=1)
    monday = local(2026, 12, 7, 9, 0)
    slots = [
        SessionFactory(
            offering=offering,
            counselor=counselor,
            start=monday + datetime.timedelta(days=day, hours=hour),
            original_start=monday + datetime.timedelta(days=day, hours=hour),
        )
        for day in range(3)
        for hour in (0, 2)
    ]
    next_week = SessionFactory(
        offering=offering,
        counselor=counselor,
        start=monday + datetime.timedelta(days=7),
        original_start=monday + datetime.timedelta(days=7),
    )
    for index, slot in enumerate(slots[:2]):
        bookings.booking_create(
            session_id=slot.pk,
            person=Person(name="P", email=f"p{index}@contoh.id", age_group="18_plus"),
            language="id",
            now=now,
        )
    offered = open_sessions(offering=offering, now=now)
    assert offered == [next_week]
    with pytest.raises(RuleError) as error:
        bookings.booking_create(
            session_id=slots[2].pk,
            person=Person(name="Q", email="q@contoh.id", age_group="18_plus"),
            language="id",
            now=now,
        )
    assert error.value.code == "counselor_week_full"


def test_moving_a_session_tells_everyone_with_a_place_held_ones_too(
    session, now, admin_user, django_capture_on_commit_callbacks
):

    confirmed = BookingFactory(session=session, email="ayu@contoh.id")
    held = BookingFactory(
        session=session,
        email="sari@contoh.id",
        held=True,
    )
    session.start += datetime.timedelta(hours=1)
    session.end += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        bookings.session_staff_update(
            session=session, changed_fields=["start", "end"], user=admin_user, now=now
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == [confirmed.email, held.email]
    assert by_address[confirmed.email].attachments  # the calendar entry moves
    # A held place is in nobody's calendar yet: the new time, and the link to confirm it.
    assert not by_address[held.email].attachments
    assert f"/manage/{held.manage_token}/" in by_address[held.email].body


def test_a_reminder_is_at_most_a_week_before(session):
    from django.core.exceptions import ValidationError

    offering = session.offering
    offering.reminder_hours = 7 * 24 + 1
    with pytest.raises(ValidationError) as error:
        offering.full_clean()
    assert "reminder_hours" in error.value.message_dict
