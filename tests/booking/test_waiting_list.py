"""Waiting lists: order, offers that hold a place and expire, first-to-book mode, leaving, reordering."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.models import (
    Booking,
    BookingStatus,
    Session,
    WaitingListEmail,
    WaitingListEmailKind,
    WaitingListEntry,
    WaitingListStatus,
)
from booking.services import bookings, waitlist
from booking.services.bookings import Person
from core.errors import RuleError
from tests import clock
from tests.booking.conftest import NOW
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory, WaitingListEntryFactory

pytestmark = pytest.mark.django_db

START = NOW + datetime.timedelta(days=4)


@pytest.fixture
def offering():
    return OfferingFactory(slug="kelompok-uji", places_per_session=2)


@pytest.fixture
def full_session(offering):
    session = SessionFactory(offering=offering, start=START, original_start=START)
    BookingFactory(session=session, email="satu@contoh.id")
    BookingFactory(session=session, email="dua@contoh.id")
    return session


def join(session, email, now=NOW):
    return waitlist.waitlist_join(
        session_id=session.pk,
        person=Person(name="Sari", email=email, age_group="18_plus"),
        language="id",
        now=now,
    )


def emails(kind):
    return list(
        WaitingListEmail.objects.filter(kind=kind).order_by("pk").values_list("entry__email", flat=True)
    )


def test_people_join_in_order_and_only_a_full_session_has_a_list(full_session, offering):
    first, second = join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    assert (first.position, second.position) == (1, 2)
    assert emails(WaitingListEmailKind.JOINED) == ["a@contoh.id", "b@contoh.id"]
    with pytest.raises(RuleError) as error:
        join(full_session, "A@Contoh.id")
    assert error.value.code == "duplicate"
    roomy = SessionFactory(offering=offering, start=START, original_start=START + datetime.timedelta(hours=2))
    with pytest.raises(RuleError) as error:
        join(roomy, "c@contoh.id")
    assert error.value.code == "not_full"


def test_a_freed_place_is_offered_to_the_first_in_line_and_held_for_them(full_session):
    first, second = join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    bookings.booking_cancel(booking_id=full_session.bookings.first().pk, now=NOW)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitingListStatus.OFFERED
    assert second.status == WaitingListStatus.WAITING
    assert emails(WaitingListEmailKind.OFFER) == ["a@contoh.id"]
    # A visitor cannot take the held place ahead of the queue.
    with pytest.raises(RuleError) as error:
        bookings.booking_create(
            session_id=full_session.pk,
            person=Person(name="Tamu", email="tamu@contoh.id", age_group="18_plus"),
            language="id",
            now=NOW,
        )
    assert error.value.code == "full"
    booking = waitlist.waitlist_claim(entry_id=first.pk, now=NOW + datetime.timedelta(hours=1))
    assert booking.email == "a@contoh.id" and booking.status == BookingStatus.CONFIRMED
    first.refresh_from_db()
    assert first.status == WaitingListStatus.BOOKED and first.booking == booking
    # The claim works once only.
    with pytest.raises(RuleError) as error:
        waitlist.waitlist_claim(entry_id=first.pk, now=NOW + datetime.timedelta(hours=1))
    assert error.value.code == "not_offered"
    assert Booking.objects.taking_a_place().filter(session=full_session).count() == 2


def test_the_offer_is_shorter_as_the_session_nears_and_never_inside_the_notice_period(offering):
    far = SessionFactory(offering=offering, start=NOW + datetime.timedelta(days=10))
    near = SessionFactory(offering=offering, start=NOW + datetime.timedelta(hours=30))
    closing = SessionFactory(offering=offering, start=NOW + datetime.timedelta(hours=24, minutes=20))
    assert waitlist.offer_deadline(far, now=NOW) == NOW + datetime.timedelta(hours=24)
    assert waitlist.offer_deadline(near, now=NOW) == NOW + datetime.timedelta(hours=1, minutes=30)
    assert waitlist.offer_deadline(closing, now=NOW) is None


def test_an_expired_offer_passes_to_the_next_in_line(full_session):
    first, second = join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    bookings.booking_cancel(booking_id=full_session.bookings.first().pk, now=NOW)
    first.refresh_from_db()
    later = first.offer_expires_at + datetime.timedelta(minutes=1)
    with pytest.raises(RuleError):
        waitlist.waitlist_claim(entry_id=first.pk, now=later)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitingListStatus.EXPIRED
    assert second.status == WaitingListStatus.OFFERED
    assert emails(WaitingListEmailKind.EXPIRED) == ["a@contoh.id"]
    assert waitlist.waitlist_claim(entry_id=second.pk, now=later).email == "b@contoh.id"


def test_periodic_run_passes_expired_offers_on(full_session):
    first, second = join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    bookings.booking_cancel(booking_id=full_session.bookings.first().pk, now=NOW)
    first.refresh_from_db()
    assert waitlist.waitlist_expire_due(now=first.offer_expires_at) == 1
    second.refresh_from_db()
    assert second.status == WaitingListStatus.OFFERED


def test_tell_everyone_mode_emails_all_and_the_first_to_book_wins(full_session, offering):
    offering.waiting_list = "everyone"
    offering.save()
    first, second = join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    bookings.booking_cancel(booking_id=full_session.bookings.first().pk, now=NOW)
    assert sorted(emails(WaitingListEmailKind.PLACE_FREE)) == ["a@contoh.id", "b@contoh.id"]
    assert not WaitingListEntry.objects.filter(status=WaitingListStatus.OFFERED).exists()
    waitlist.waitlist_claim(entry_id=second.pk, now=NOW)
    with pytest.raises(RuleError) as error:
        waitlist.waitlist_claim(entry_id=first.pk, now=NOW)
    assert error.value.code == "full"


def test_leaving_with_an_open_offer_passes_it_on(full_session):
    first, second = join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    bookings.booking_cancel(booking_id=full_session.bookings.first().pk, now=NOW)
    waitlist.waitlist_leave(entry_id=first.pk, now=NOW)
    second.refresh_from_db()
    assert second.status == WaitingListStatus.OFFERED


def test_staff_reorder_the_line(full_session, admin_user):
    first, second, third = (join(full_session, f"{name}@contoh.id") for name in "abc")
    waitlist.waitlist_move(entry_id=third.pk, up=True, user=admin_user)
    order = list(
        WaitingListEntry.objects.filter(session=full_session)
        .order_by("position")
        .values_list("email", flat=True)
    )
    assert order == ["a@contoh.id", "c@contoh.id", "b@contoh.id"]
    bookings.booking_cancel(booking_id=full_session.bookings.first().pk, now=NOW)
    assert emails(WaitingListEmailKind.OFFER) == ["a@contoh.id"]
    bookings.booking_cancel(booking_id=full_session.bookings.filter(status="confirmed").first().pk, now=NOW)
    assert emails(WaitingListEmailKind.OFFER) == ["a@contoh.id", "c@contoh.id"]


def test_more_places_and_a_reschedule_free_places_for_the_list(full_session, offering, admin_user):
    join(full_session, "a@contoh.id"), join(full_session, "b@contoh.id")
    full_session.places = 3
    bookings.session_staff_update(session=full_session, changed_fields=["places"], user=admin_user, now=NOW)
    other = SessionFactory(offering=offering, start=START + datetime.timedelta(days=1))
    bookings.booking_reschedule(booking_id=full_session.bookings.first().pk, new_session_id=other.pk, now=NOW)
    assert sorted(emails(WaitingListEmailKind.OFFER)) == ["a@contoh.id", "b@contoh.id"]


def test_a_cancelled_session_closes_its_list_and_tells_everyone_waiting(full_session, admin_user):
    join(full_session, "a@contoh.id")
    bookings.session_cancel(session_id=full_session.pk, user=admin_user, now=NOW)
    assert emails(WaitingListEmailKind.SESSION_CANCELLED) == ["a@contoh.id"]
    assert WaitingListEntry.objects.get().status == WaitingListStatus.CLOSED


# The public pages, as a student meets them.


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def form_data(session, **overrides):
    data = {
        "session": str(session.pk),
        "name": "Sari",
        "email": "sari@contoh.id",
        "age_group": "18_plus",
        "contact_channel": "email",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def page_session(offering):
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    BookingFactory(session=session)
    BookingFactory(session=session)
    return session


def test_a_full_session_is_listed_and_the_same_form_joins_its_waiting_list(
    client, page_session, django_capture_on_commit_callbacks
):
    page = soup(client.get("/id/booking/kelompok-uji/"))
    option = page.select_one(f"input[name=session][value='{page_session.pk}']")
    assert "Penuh — masuk daftar tunggu" in option.find_parent("li").get_text()
    details = soup(client.get(f"/id/booking/kelompok-uji/?session={page_session.pk}"))
    assert "Masuk daftar tunggu" in details.select_one(".booking-form button[type=submit]").get_text()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/id/booking/kelompok-uji/", form_data(page_session), follow=True)
    assert "Kamu masuk daftar tunggu" in soup(response).select_one("h1").get_text()
    entry = WaitingListEntry.objects.get()
    assert entry.email == "sari@contoh.id" and Booking.objects.filter(email="sari@contoh.id").count() == 0
    assert mail.outbox[-1].to == ["sari@contoh.id"]
    assert f"/id/booking/waiting/{entry.manage_token}/" in mail.outbox[-1].body
    assert "bukan layanan darurat" in mail.outbox[-1].body


def test_the_waiting_link_books_an_offered_place_and_leaves_the_list(client, page_session):
    entry = WaitingListEntryFactory(session=page_session)
    bookings.booking_cancel(booking_id=page_session.bookings.first().pk, now=clock.now())
    entry.refresh_from_db()
    page = soup(client.get(f"/id/booking/waiting/{entry.manage_token}/"))
    assert "Ada tempat untukmu" in page.get_text()
    response = client.post(f"/id/booking/waiting/{entry.manage_token}/book/", follow=True)
    assert "Cek emailmu" in soup(response).get_text()
    assert Booking.objects.taking_a_place().filter(session=page_session, email=entry.email).exists()
    other = WaitingListEntryFactory(session=page_session, email="lain@contoh.id")
    response = client.post(f"/id/booking/waiting/{other.manage_token}/leave/", {})
    assert response.status_code == 400
    response = client.post(f"/id/booking/waiting/{other.manage_token}/leave/", {"confirm": "on"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == WaitingListStatus.LEFT


def test_a_stale_offer_link_answers_with_a_clear_message_not_an_error(client, page_session):
    entry = WaitingListEntryFactory(session=page_session)
    response = client.post(f"/id/booking/waiting/{entry.manage_token}/book/")
    assert response.status_code == 409
    assert "Tawaran ini sudah tidak berlaku" in soup(response).select_one(".error-summary").get_text()
    assert Session.objects.with_places_taken().get(pk=page_session.pk).places_taken == 2


@pytest.mark.parametrize("marked_expired", [False, True])
def test_an_offer_that_ran_out_says_so_and_offers_no_booking(client, page_session, marked_expired):
    entry = WaitingListEntryFactory(session=page_session)
    bookings.booking_cancel(booking_id=page_session.bookings.first().pk, now=clock.now())
    entry.refresh_from_db()
    assert entry.status == WaitingListStatus.OFFERED
    # Ran out a minute ago: before the periodic run marks it expired, and after.
    entry.offer_expires_at = clock.now() - datetime.timedelta(minutes=1)
    entry.status = WaitingListStatus.EXPIRED if marked_expired else WaitingListStatus.OFFERED
    entry.save(update_fields=["offer_expires_at", "status"])
    page = soup(client.get(f"/id/booking/waiting/{entry.manage_token}/"))
    assert "tidak dipesan tepat waktu" in page.get_text()
    assert "Ada tempat untukmu" not in page.get_text()
    assert not page.select(f"form[action='/id/booking/waiting/{entry.manage_token}/book/']")


@pytest.mark.parametrize("kind", list(WaitingListEmailKind))
def test_every_waiting_list_email_reads_well_in_the_persons_language(full_session, kind):
    from booking.emails.messages import build_waiting_list_message

    entry = WaitingListEntryFactory(
        session=full_session,
        language="en",
        status=WaitingListStatus.OFFERED,
        offered_at=NOW,
        offer_expires_at=NOW + datetime.timedelta(hours=6),
    )
    message = build_waiting_list_message(WaitingListEmail(entry=entry, kind=kind))
    assert message.to == [entry.email]
    assert "not an emergency service" in message.body
    assert "WIB" in message.body
    has_link = kind not in (WaitingListEmailKind.EXPIRED, WaitingListEmailKind.SESSION_CANCELLED)
    assert (f"/en/booking/waiting/{entry.manage_token}/" in message.body) is has_link
    assert ("We keep the place for you until" in message.body) is (kind == WaitingListEmailKind.OFFER)
