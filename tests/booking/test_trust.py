"""Booking you can trust: one count of places, one rule, emails sent once, honest errors."""

import datetime

import pytest
import recurrence
from django.core import mail
from django.db import IntegrityError, OperationalError
from icalendar import Calendar

from booking import selectors
from booking.emails.messages import booking_email_send
from booking.models import (
    Booking,
    BookingEmail,
    BookingEmailKind,
    BookingStatus,
    Closure,
    FeedbackInvitation,
    Session,
)
from booking.services import bookings
from booking.services.scheduling import sessions_generate
from booking.tasks import send_booking_email
from core.errors import RuleError
from core.models import OutboxStatus
from core.outbox import outbox_claim, outbox_due, outbox_send_again, outboxes_retry
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, ScheduleFactory, SessionFactory

from .conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(now):
    return SessionFactory(start=local(2026, 12, 3, 15), original_start=local(2026, 12, 3, 15))


def places_left(session):
    return Session.objects.with_places_taken().get(pk=session.pk).places_left


def listed(session, now):
    return session in selectors.open_sessions(offering=session.offering, now=now)


def test_places_left_follow_the_rows_after_attendance_and_a_session_cancel(session, person, now, admin_user):
    booking = BookingFactory(session=session)
    BookingFactory(session=session)
    bookings.booking_mark(
        booking_id=booking.pk, status=BookingStatus.ATTENDED, user=admin_user, now=session.start
    )
    bookings.session_cancel(session_id=session.pk, user=admin_user, now=session.start)
    # The attended row still holds its place; the confirmed one was cancelled with the session.
    assert places_left(session) == session.places - 1


def test_a_deleted_booking_row_frees_its_place_for_the_listing_and_for_booking(
    session, person, now, django_capture_on_commit_callbacks
):
    for number in range(session.places):
        BookingFactory(session=session, email=f"p{number}@contoh.id")
    assert not listed(session, now)
    with django_capture_on_commit_callbacks(execute=True):
        Booking.objects.filter(session=session).first().delete()
    assert listed(session, now)
    booking = bookings.booking_create(session_id=session.pk, person=person, language="id", now=now)
    assert booking.status == BookingStatus.CONFIRMED and places_left(session) == 0


def test_listing_and_booking_agree_on_a_closed_day_in_local_time(person, now):
    # 06:00 WIB on 3 December is still 2 December in UTC.
    early = SessionFactory(start=local(2026, 12, 3, 6), original_start=local(2026, 12, 3, 6))
    Closure.objects.create(
        title="Libur", start_date=datetime.date(2026, 12, 3), end_date=datetime.date(2026, 12, 3)
    )
    assert not listed(early, now)
    with pytest.raises(RuleError) as error:
        bookings.booking_create(session_id=early.pk, person=person, language="id", now=now)
    assert error.value.code == "closed"


def test_every_session_the_listing_offers_can_be_booked_and_no_other(now):
    """The listing runs the booking rule itself: whatever it shows, booking accepts."""
    offering = OfferingFactory(places_per_session=1)
    starts = [now + datetime.timedelta(hours=hours) for hours in (2, 30, 60, 24 * 40)]
    sessions = [SessionFactory(offering=offering, start=start, original_start=start) for start in starts]
    BookingFactory(session=sessions[2])
    offered = selectors.open_sessions(offering=offering, now=now)
    for number, session in enumerate(sessions):
        person = bookings.Person(name="P", email=f"p{number}@contoh.id", age_group="18_plus")
        try:
            bookings.booking_create(session_id=session.pk, person=person, language="id", now=now)
            accepted = True
        except RuleError:
            accepted = False
        assert accepted == (session in offered), session
    assert offered == [sessions[1]]


def test_only_a_race_on_the_unique_booking_becomes_the_friendly_message(session, person, now, monkeypatch):
    def unexpected(**kwargs):
        raise IntegrityError('new row violates check constraint "something_else"')

    monkeypatch.setattr(Booking.objects, "create", unexpected)
    with pytest.raises(IntegrityError):
        bookings.booking_create(session_id=session.pk, person=person, language="id", now=now)

    def duplicate(**kwargs):
        raise IntegrityError(
            'duplicate key value violates unique constraint "booking_one_active_per_email_and_session"'
        )

    monkeypatch.setattr(Booking.objects, "create", duplicate)
    with pytest.raises(RuleError) as error:
        bookings.booking_create(session_id=session.pk, person=person, language="id", now=now)
    assert error.value.code == "duplicate"


def test_a_lock_wait_that_runs_out_is_busy_try_again(session, person, now, monkeypatch, client):
    def locked(session_id):
        raise OperationalError("database is locked")

    monkeypatch.setattr("booking.services.places.lock_session", locked)
    with pytest.raises(RuleError) as error:
        bookings.booking_create(session_id=session.pk, person=person, language="id", now=now)
    assert error.value.code == "busy"
    assert str(error.value.message) == "Sistem sedang sangat sibuk. Silakan coba lagi sebentar lagi."
    assert not Booking.objects.exists()


def test_an_email_is_claimed_before_it_is_sent_so_a_second_sender_sends_nothing(session, now):
    booking = BookingFactory(session=session)
    booking_email = BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
    assert outbox_claim(BookingEmail, booking_email.pk, now=now) is True
    assert (
        outbox_claim(BookingEmail, booking_email.pk, now=now) is False
    )  # another worker, or an overlapping retry
    assert booking_email_send(email_id=booking_email.pk) is False
    assert mail.outbox == []


def test_sending_twice_sends_once(session):
    booking = BookingFactory(session=session)
    booking_email = BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
    assert booking_email_send(email_id=booking_email.pk) is True
    assert booking_email_send(email_id=booking_email.pk) is False
    assert len(mail.outbox) == 1


def test_failed_emails_are_retried_on_a_backoff_schedule_then_handed_to_staff(
    session, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.booking.failing_mail.FailingBackend"
    booking = BookingFactory(session=session)
    booking_email = BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
    delays = []
    for _attempt in range(settings.RANGKUL_EMAIL_MAX_ATTEMPTS):
        booking_email_send(email_id=booking_email.pk)
        booking_email.refresh_from_db()
        assert booking_email.status == OutboxStatus.FAILED
        delays.append(round((booking_email.next_attempt_at - clock.now()).total_seconds() / 60))
        assert outbox_due(
            BookingEmail, now=booking_email.next_attempt_at - datetime.timedelta(seconds=30)
        ).count() in (0, 1)
    assert delays == [5, 30, 120, 720, 720]
    assert booking_email.has_given_up
    assert not outbox_due(BookingEmail, now=clock.now() + datetime.timedelta(days=1)).exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_send_again(BookingEmail, send_booking_email, pk=booking_email.pk, user=None)
    booking_email.refresh_from_db()
    assert booking_email.status == OutboxStatus.SENT and len(mail.outbox) == 1


def test_a_send_that_stalled_is_queued_again(session):
    booking = BookingFactory(session=session)
    booking_email = BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
    stalled_at = clock.now() - datetime.timedelta(hours=1)
    outbox_claim(BookingEmail, booking_email.pk, now=stalled_at)
    assert outboxes_retry(now=clock.now()) == 1
    booking_email.refresh_from_db()
    assert booking_email.status == OutboxStatus.SENT and booking_email.attempts == 2


def test_a_regeneration_that_changes_a_booked_session_tells_the_person(now, committed):
    schedule = ScheduleFactory(
        recurrences=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[recurrence.TU])]),
        start_time=datetime.time(15, 0),
    )
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=1))
    session = Session.objects.get(schedule=schedule)
    booking = BookingFactory(session=session, email="ayu@contoh.id", language="en")
    schedule.offering.duration_minutes = 90
    schedule.offering.save()

    result = committed(sessions_generate, now=now, until=now + datetime.timedelta(weeks=1))

    assert result.told == 1
    (message,) = mail.outbox
    assert message.subject == "Your appointment has changed"
    assert "15:00–16:30 WIB" in message.body
    event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert event["sequence"] == 1 and event["uid"] == f"{booking.calendar_uid}@rangkul"
    assert message.attachments[0][0] == "appointment.ics"


def test_the_calendar_file_carries_no_manage_link(session, person, now, committed):
    booking = committed(bookings.booking_create, session_id=session.pk, person=person, language="id", now=now)
    (message,) = mail.outbox
    ics = message.attachments[0][1]
    assert booking.manage_token not in (ics.decode() if isinstance(ics, bytes) else ics)
    assert booking.manage_token in message.body


@pytest.mark.parametrize("kind", list(BookingEmailKind))
def test_emails_and_calendar_files_carry_no_topic_age_group_or_counselor_specialty(kind):
    from booking.emails.messages import build_message
    from tests.booking.factories import CounselorFactory

    counselor = CounselorFactory(name="Bu Ratna", role="Psikolog klinis", qualifications="Spesialis trauma")
    session = SessionFactory(counselor=counselor)
    booking = BookingFactory(
        session=session,
        topic="bullying",
        age_group="13_15",
        guardian_name="Ibu Sri",
        guardian_contact="0812",
        guardian_consent=True,
    )
    if kind == BookingEmailKind.FEEDBACK_REQUEST:
        FeedbackInvitation.objects.create(booking=booking, sent_at=booking.created_at)
    message = build_message(BookingEmail(booking=booking, kind=kind, reminder_number=1))
    parts = [message.body, *(content for content, _type in message.alternatives)]
    parts += [
        attachment[1] if isinstance(attachment, tuple) else str(attachment)
        for attachment in message.attachments
    ]
    everything = "\n".join(str(part) for part in parts)
    for secret in ["Perundungan", "Bullying", "13–15", "Psikolog klinis", "Spesialis trauma"]:
        assert secret not in everything
    assert "Bu Ratna" in everything  # who they will meet is fine
