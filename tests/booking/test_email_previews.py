"""What an inbox preview shows on a shared phone: the first lines of every booking and waiting-list
email name no service, topic, place or counselor (their titles tell their specialty); the details
follow lower down. Cancellations say who cancelled and offer the way back."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.emails.messages import build_message, build_waiting_list_message
from booking.models import (
    BookingEmail,
    BookingEmailKind,
    BookingStatus,
    FeedbackInvitation,
    WaitingListEmail,
    WaitingListEmailKind,
    WaitingListStatus,
)
from booking.services import bookings
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    SessionFactory,
    WaitingListEntryFactory,
)

pytestmark = pytest.mark.django_db

# About what a phone's inbox shows under the subject (two or three lines).
PREVIEW_CHARACTERS = 200


@pytest.fixture
def session():
    offering = OfferingFactory(
        slug="konseling-individu",
        title="Konseling individu",
        title_en="One-to-one counseling",
        location="Ruang BK",
        location_en="Counseling room",
        confirm_within_minutes=30,
    )
    counselor = CounselorFactory(name="Dimas Prasetyo, M.Psi., Psikolog", role="Psikolog")
    start = clock.now() + datetime.timedelta(days=3)
    return SessionFactory(offering=offering, start=start, original_start=start, counselor=counselor)


def revealing(session):
    offering = session.offering
    return [
        offering.title,
        offering.title_en,
        offering.location,
        offering.location_en,
        "Dimas",
        "Psikolog",
        "konseling",
        "counseling",
        "Keluarga",  # the topic chosen below
        "Family",
    ]


def previews(message):
    """The first characters of the plain text and of the HTML's visible text."""
    html = next(content for content, kind in message.alternatives if kind == "text/html")
    visible = BeautifulSoup(html, "html.parser").get_text(" ")
    return [re.sub(r"\s+", " ", text).strip()[:PREVIEW_CHARACTERS] for text in (message.body, visible)]


def assert_discreet(message, session):
    for preview in previews(message):
        named = [word for word in revealing(session) if word.lower() in preview.lower()]
        assert not named, (named, preview)
    assert session.offering.title in message.body or session.offering.title_en in message.body  # lower down


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", list(BookingEmailKind))
def test_no_booking_email_names_the_service_in_its_first_lines(session, kind, language):
    booking = BookingFactory(
        session=session,
        language=language,
        topic="family",
        status=BookingStatus.PENDING if kind == BookingEmailKind.CONFIRM_REQUEST else BookingStatus.CONFIRMED,
        confirm_by=clock.now() + datetime.timedelta(minutes=30),
    )
    if kind == BookingEmailKind.FEEDBACK_REQUEST:
        FeedbackInvitation.objects.create(booking=booking, sent_at=clock.now())
    message = build_message(BookingEmail.objects.create(booking=booking, kind=kind))
    assert_discreet(message, session)
    assert "WIB" in message.body


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", list(WaitingListEmailKind))
def test_no_waiting_list_email_names_the_service_in_its_first_lines(session, kind, language):
    entry = WaitingListEntryFactory(
        session=session,
        language=language,
        topic="family",
        status=WaitingListStatus.OFFERED,
        offered_at=clock.now(),
        offer_expires_at=clock.now() + datetime.timedelta(hours=6),
    )
    assert_discreet(build_waiting_list_message(WaitingListEmail(entry=entry, kind=kind)), session)


def test_a_booking_cancelled_by_staff_says_so_and_offers_another_time(
    session, admin_user, django_capture_on_commit_callbacks
):
    booking = BookingFactory(session=session, language="id")
    with django_capture_on_commit_callbacks(execute=True):
        bookings.booking_cancel(booking_id=booking.pk, now=clock.now(), user=admin_user)
    (message,) = mail.outbox
    assert "staf kami membatalkan" in message.body and "sesuai permintaanmu" not in message.body
    assert "/id/booking/konseling-individu/" in message.body
    assert booking.manage_token not in message.body


def test_a_booking_cancelled_with_the_link_says_it_was_the_persons_own_and_offers_the_way_back(
    session, django_capture_on_commit_callbacks
):
    booking = BookingFactory(session=session, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        bookings.booking_cancel(booking_id=booking.pk, now=clock.now())
    (message,) = mail.outbox
    assert "as you asked with your link" in message.body and "staff" not in message.body
    assert "/en/booking/konseling-individu/" in message.body


def test_the_meeting_link_of_an_online_offering_goes_only_to_people_with_a_confirmed_place(
    client, session, django_capture_on_commit_callbacks
):
    offering = session.offering
    offering.is_online, offering.meeting_link = True, "https://meet.contoh.id/ruang-7"
    offering.confirm_within_minutes = None
    offering.save()
    booking = BookingFactory(session=session)
    confirmed = build_message(
        BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
    )
    assert offering.meeting_link in confirmed.body
    calendar = confirmed.attachments[0][1]
    assert offering.meeting_link in (calendar.decode() if isinstance(calendar, bytes) else calendar)

    held = BookingFactory(
        session=session,
        held=True,
    )
    asking = build_message(BookingEmail.objects.create(booking=held, kind=BookingEmailKind.CONFIRM_REQUEST))
    assert offering.meeting_link not in asking.body
    entry = WaitingListEntryFactory(session=session)
    waiting = build_waiting_list_message(WaitingListEmail(entry=entry, kind=WaitingListEmailKind.JOINED))
    assert offering.meeting_link not in waiting.body
    page = client.get(f"/id/booking/{offering.slug}/").content.decode()
    assert offering.meeting_link not in page and "Daring" in page


def test_the_page_after_booking_says_how_to_come_for_the_kind_of_session(
    client, session, django_capture_on_commit_callbacks
):
    from tests.booking.test_views import form_data

    offering = session.offering
    offering.confirm_within_minutes = None
    offering.save()
    client.post(f"/id/booking/{offering.slug}/", form_data(session))
    text = client.get("/id/booking/confirmed/").content.decode()
    assert "Datanglah beberapa menit lebih awal." in text and "tautan untuk bergabung" not in text
