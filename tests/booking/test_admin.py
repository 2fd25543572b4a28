import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from booking.models import Booking, BookingStatus, Schedule, Session, SessionStatus
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/admin/booking/sessions/",
    "/admin/booking/bookings/",
    "/admin/booking/offerings/",
    "/admin/booking/schedules/",
    "/admin/booking/counselors/",
    "/admin/booking/closures/",
    "/admin/booking/emails/",
]


@pytest.fixture
def booked_session():
    start = clock.now() + datetime.timedelta(days=2)
    session = SessionFactory(start=start, original_start=start)
    BookingFactory(session=session, name="Ayu", email="ayu@contoh.id")
    return session


@pytest.mark.parametrize("url", LISTINGS)
def test_booking_admin_is_refused_to_anonymous_users(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", LISTINGS)
def test_booking_admin_listings_render_for_staff(admin_client, url, booked_session):
    assert admin_client.get(url).status_code == 200


def test_staff_without_booking_permissions_are_refused(client, django_user_model, booked_session):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(username="editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail turns a refused admin page into a redirect to the dashboard with a message.
    for url in (f"/admin/booking/sessions/{booked_session.pk}/attendees/", "/admin/booking/bookings/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_bookings_can_be_exported(admin_client, booked_session):
    response = admin_client.get("/admin/booking/bookings/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "ayu@contoh.id" in body
    xlsx = admin_client.get("/admin/booking/bookings/", {"export": "xlsx"})
    assert xlsx.status_code == 200


def _export_queries(client, export_format):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/admin/booking/bookings/", {"export": export_format}, HTTP_ACCEPT_LANGUAGE="id"
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body, len(queries)


def test_an_export_streams_its_rows_with_the_same_queries_for_one_booking_or_many(
    admin_client, booked_session
):
    _export_queries(admin_client, "csv")  # the first export of a process also looks up content types
    first, body, one = _export_queries(admin_client, "csv")
    assert first.streaming  # the first line leaves before the last row is read
    BookingFactory.create_batch(
        60,
        session=SessionFactory(offering=booked_session.offering),
        age_group="13_15",
        guardian_name="Ibu",
        guardian_contact="0812",
        guardian_consent=True,
    )
    response, body, many = _export_queries(admin_client, "csv")
    lines = body.decode().splitlines()
    assert len(lines) == 62 and many == one
    # Choice columns carry their labels in the admin's language, looked up once per export.
    assert sum("13–15 tahun" in line for line in lines) == 60, lines[1]
    assert _export_queries(admin_client, "xlsx")[2] == many


def test_bookings_and_sessions_cannot_be_added_or_deleted_in_the_admin(admin_client, booked_session):
    booking = Booking.objects.get()
    refused = [
        "/admin/booking/bookings/new/",
        f"/admin/booking/bookings/delete/{booking.pk}/",
        "/admin/booking/sessions/new/",
        f"/admin/booking/sessions/delete/{booked_session.pk}/",
    ]
    for url in refused:
        response = admin_client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    assert admin_client.get("/admin/booking/offerings/new/").status_code == 200


def test_saving_a_schedule_in_the_admin_generates_its_sessions(
    admin_client, django_capture_on_commit_callbacks
):
    offering = OfferingFactory()
    data = {
        "offering": offering.pk,
        "frequency": "weekly",
        "interval": "1",
        "weekdays": ["2"],
        "start_time": "16:00",
        "end_time": "",
        "valid_from": clock.today().isoformat(),
        "valid_until": "",
        "counselor": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/booking/schedules/new/", data)
    assert response.status_code == 302
    schedule = Schedule.objects.get(offering=offering)
    sessions = Session.objects.filter(schedule=schedule)
    assert sessions.count() >= 11
    assert all(timezone.localtime(s.start).weekday() == 2 for s in sessions)


def test_attendee_view_marks_attendance_only_once_the_session_has_started(admin_client, booked_session):
    page = BeautifulSoup(
        admin_client.get(f"/admin/booking/sessions/{booked_session.pk}/attendees/").content, "html.parser"
    )
    assert "Ayu" in page.select_one("table.listing").get_text()
    assert "1 / 3" in page.get_text()
    booking = Booking.objects.get()
    admin_client.post(f"/admin/booking/bookings/{booking.pk}/attendance/", {"status": "attended"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_cancelling_a_session_asks_first_and_names_who_is_emailed(
    admin_client, booked_session, admin_user, django_capture_on_commit_callbacks
):
    confirm = admin_client.get(f"/admin/booking/sessions/{booked_session.pk}/cancel/")
    assert confirm.status_code == 200
    assert "Ayu (ayu@contoh.id)" in BeautifulSoup(confirm.content, "html.parser").get_text()
    booked_session.refresh_from_db()
    assert booked_session.status == SessionStatus.SCHEDULED and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/booking/sessions/{booked_session.pk}/cancel/", {"note": "Banjir"}
        )
    assert response.status_code == 302
    booked_session.refresh_from_db()
    assert booked_session.status == SessionStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [["ayu@contoh.id"]]
    booking = Booking.objects.get()
    assert admin_client.get(f"/admin/booking/bookings/history/{booking.pk}/").status_code == 200
    assert (
        ModelLogEntry.objects.for_instance(booking)
        .filter(action="booking.session_cancelled", user=admin_user)
        .exists()
    )


def test_the_session_cancel_confirmation_lists_held_places_and_everyone_waiting(
    admin_client, booked_session, django_capture_on_commit_callbacks
):
    from booking.models import WaitingListStatus
    from tests.booking.factories import WaitingListEntryFactory

    BookingFactory(
        session=booked_session,
        name="Sari",
        email="sari@contoh.id",
        held=True,
    )
    WaitingListEntryFactory(session=booked_session, name="Lina", email="lina@contoh.id")
    WaitingListEntryFactory(
        session=booked_session, name="Gone", email="gone@contoh.id", status=WaitingListStatus.LEFT
    )
    text = BeautifulSoup(
        admin_client.get(f"/admin/booking/sessions/{booked_session.pk}/cancel/").content, "html.parser"
    ).get_text(" ", strip=True)
    assert "Ayu (ayu@contoh.id)" in text and "Sari (sari@contoh.id)" in text
    assert "Lina (lina@contoh.id)" in text and "gone@contoh.id" not in text
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(f"/admin/booking/sessions/{booked_session.pk}/cancel/", follow=True)
    assert sorted(m.to[0] for m in mail.outbox) == ["ayu@contoh.id", "lina@contoh.id", "sari@contoh.id"]
    (said,) = [str(message) for message in done.context["messages"]]
    assert "3" in said


def test_a_session_that_has_ended_offers_no_cancel(admin_client):
    start = clock.now() - datetime.timedelta(hours=3)
    past = SessionFactory(start=start, original_start=start)
    attendees = admin_client.get(f"/admin/booking/sessions/{past.pk}/attendees/").content.decode()
    assert f"/admin/booking/sessions/{past.pk}/cancel/" not in attendees
    refused = admin_client.get(f"/admin/booking/sessions/{past.pk}/cancel/")
    assert refused.status_code == 302
    past.refresh_from_db()
    assert past.status == SessionStatus.SCHEDULED


def test_cancelling_a_booking_asks_first_and_says_who_is_emailed(
    admin_client, booked_session, django_capture_on_commit_callbacks
):
    booking = Booking.objects.get()
    confirm = admin_client.get(f"/admin/booking/bookings/{booking.pk}/cancel/")
    assert confirm.status_code == 200
    assert "ayu@contoh.id" in confirm.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/booking/bookings/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [["ayu@contoh.id"]]


def test_staff_edit_of_a_booking_is_logged_and_keeps_its_status(admin_client, booked_session, admin_user):
    booking = Booking.objects.get()
    Booking.objects.filter(pk=booking.pk).update(
        status=BookingStatus.CANCELLED
    )  # changed while the form was open
    data = {
        "name": "Ayu Lestari",
        "email": "ayu@contoh.id",
        "phone": "",
        "school_class": "",
        "age_group": "18_plus",
        "guardian_name": "",
        "guardian_contact": "",
        "topic": "",
        "contact_channel": "email",
    }
    response = admin_client.post(f"/admin/booking/bookings/edit/{booking.pk}/", data)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.name == "Ayu Lestari"
    assert booking.status == BookingStatus.CANCELLED
    assert ModelLogEntry.objects.for_instance(booking).filter(action="wagtail.edit", user=admin_user).exists()


def test_staff_cannot_set_places_below_those_taken(admin_client, booked_session):
    BookingFactory(session=booked_session, email="budi@contoh.id")
    local_start = timezone.localtime(booked_session.start)
    local_end = timezone.localtime(booked_session.end)
    data = {
        "start": local_start.strftime("%Y-%m-%d %H:%M"),
        "end": local_end.strftime("%Y-%m-%d %H:%M"),
        "counselor": "",
        "places": "1",
    }
    response = admin_client.post(f"/admin/booking/sessions/edit/{booked_session.pk}/", data)
    assert response.status_code == 200
    assert "2 tempat sudah terisi" in response.content.decode()
    booked_session.refresh_from_db()
    assert (booked_session.places, booked_session.is_overridden) == (3, False)

    data["places"] = "5"
    response = admin_client.post(f"/admin/booking/sessions/edit/{booked_session.pk}/", data)
    assert response.status_code == 302
    booked_session = Session.objects.with_places_taken().get(pk=booked_session.pk)
    assert (booked_session.places, booked_session.places_taken, booked_session.is_overridden) == (5, 2, True)


def test_the_session_and_offering_forms_say_before_saving_who_a_change_emails(admin_client, booked_session):
    BookingFactory(
        session=booked_session,
        name="Sari",
        email="sari@contoh.id",
        held=True,
    )
    BookingFactory(
        session=booked_session, name="Batal", email="batal@contoh.id", status=BookingStatus.CANCELLED
    )
    form_page = BeautifulSoup(
        admin_client.get(f"/admin/booking/sessions/edit/{booked_session.pk}/").content, "html.parser"
    )
    note = form_page.select_one("[role=note]").get_text(" ", strip=True)
    assert "Ayu (ayu@contoh.id)" in note and "Sari (sari@contoh.id)" in note and "Batal" not in note
    offering_page = BeautifulSoup(
        admin_client.get(f"/admin/booking/offerings/edit/{booked_session.offering.pk}/").content,
        "html.parser",
    )
    assert " 2 " in offering_page.select_one("[role=note]").get_text(" ", strip=True)


def test_staff_add_a_years_national_holidays_as_closures_in_one_step(
    admin_client, django_capture_on_commit_callbacks
):
    from booking.models import Closure

    year = clock.today().year
    christmas = datetime.date(year, 12, 25)
    Closure.objects.create(
        title="Libur akhir tahun", start_date=christmas, end_date=datetime.date(year, 12, 31)
    )
    listing = admin_client.get("/admin/booking/closures/").content.decode()
    assert "/admin/booking/closures/national-holidays/" in listing
    asked = BeautifulSoup(
        admin_client.get(f"/admin/booking/closures/national-holidays/?year={year}").content, "html.parser"
    )
    rows = [row.get_text(" ", strip=True) for row in asked.select("tbody tr")]
    assert any("Hari Kemerdekaan Republik Indonesia" in row for row in rows)
    assert any("Hari Raya Natal" in row and "tidak ditambahkan lagi" in row for row in rows)
    assert Closure.objects.count() == 1  # asking saved nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/booking/closures/national-holidays/", {"year": year})
    assert response.status_code == 302
    independence = Closure.objects.get(start_date=datetime.date(year, 8, 17))
    assert independence.title == "Hari Kemerdekaan Republik Indonesia"
    assert independence.end_date == independence.start_date
    assert not Closure.objects.filter(title="Hari Raya Natal").exists()  # already closed that day
    added = Closure.objects.count()
    admin_client.post("/admin/booking/closures/national-holidays/", {"year": year})
    assert Closure.objects.count() == added  # a second time adds nothing
    assert admin_client.get("/admin/booking/closures/national-holidays/?year=1999").status_code == 200


def test_the_attendees_page_offers_what_the_services_accept(admin_client, django_capture_on_commit_callbacks):
    """Each button shown is an action the service then carries out; one not shown is refused."""
    started = clock.now() - datetime.timedelta(minutes=30)
    running = SessionFactory(start=started, original_start=started)
    came = BookingFactory(session=running, name="Datang")
    gone = BookingFactory(session=running, name="Batal", status=BookingStatus.CANCELLED)
    later = SessionFactory()
    held = BookingFactory(session=later, name="Ditahan", held=True)

    def actions(session):
        page = BeautifulSoup(
            admin_client.get(f"/admin/booking/sessions/{session.pk}/attendees/").content, "html.parser"
        )
        return {
            row.select_one("td a").get_text(strip=True): {
                button.get_text(strip=True) for button in row.select("form button, a.button.no")
            }
            for row in page.select("table.listing tbody tr")
        }

    shown = actions(running)
    assert shown["Datang"] == {"Hadir", "Tidak hadir", "Batalkan janji temu"}  # the admin speaks Indonesian
    assert shown["Batal"] == set()
    assert actions(later)["Ditahan"] == {"Batalkan janji temu"}  # no attendance before the start

    admin_client.post(f"/admin/booking/bookings/{came.pk}/attendance/", {"status": "attended"})
    admin_client.post(f"/admin/booking/bookings/{gone.pk}/attendance/", {"status": "attended"})
    admin_client.post(f"/admin/booking/bookings/{held.pk}/attendance/", {"status": "attended"})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/booking/bookings/{held.pk}/cancel/")
    assert [Booking.objects.get(pk=b.pk).status for b in (came, gone, held)] == [
        BookingStatus.ATTENDED,
        BookingStatus.CANCELLED,
        BookingStatus.CANCELLED,
    ]
    assert [m.to for m in mail.outbox] == [[held.email]]
