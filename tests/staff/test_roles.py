"""The Counselor and Coordinator groups: a counselor sees their own sessions' people only; a coordinator all."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client

from booking.models import BookingEmail, BookingEmailKind
from staff.roles import COORDINATOR, COUNSELOR
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    SessionFactory,
    WaitingListEntryFactory,
)

pytestmark = pytest.mark.django_db


def staff_client(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=False)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def two_counselors(django_user_model):
    """Counselors A and B, each with a session, a booking, a waiting person and an email."""
    offering = OfferingFactory(places_per_session=1)
    world = {}
    for letter in "AB":
        user, client = staff_client(django_user_model, f"konselor{letter.lower()}", COUNSELOR)
        counselor = CounselorFactory(name=f"Konselor {letter}", user=user)
        start = clock.now() + datetime.timedelta(days=3 if letter == "A" else 4)
        session = SessionFactory(offering=offering, counselor=counselor, start=start, original_start=start)
        booking = BookingFactory(
            session=session, name=f"Murid {letter}", email=f"murid{letter.lower()}@contoh.id"
        )
        entry = WaitingListEntryFactory(session=session, name=f"Penunggu {letter}")
        email = BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION)
        world[letter] = {
            "client": client,
            "session": session,
            "booking": booking,
            "entry": entry,
            "email": email,
        }
    return world


def text(response):
    return response.content.decode()


LISTINGS = [
    ("/admin/booking/bookings/", "Murid"),
    ("/admin/booking/waiting/", "Penunggu"),
    ("/admin/booking/emails/", "Murid"),
]


@pytest.mark.parametrize(("url", "prefix"), LISTINGS)
def test_a_counselor_lists_only_their_own_sessions_people(two_counselors, url, prefix):
    response = two_counselors["A"]["client"].get(url)
    assert response.status_code == 200
    assert f"{prefix} A" in text(response)
    assert f"{prefix} B" not in text(response)


def test_a_counselor_lists_only_their_own_sessions(two_counselors):
    response = two_counselors["A"]["client"].get("/admin/booking/sessions/")
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")
    assert [row.get_text() for row in rows if "Konselor" in row.get_text()] == [
        row.get_text() for row in rows if "Konselor A" in row.get_text()
    ]
    assert len(rows) == 1


def test_exports_are_for_coordinators_unless_the_restriction_is_lifted(two_counselors):
    response = two_counselors["A"]["client"].get("/admin/booking/bookings/?export=csv")
    assert response.status_code != 200 or b"Murid A" not in response.content
    listing = text(two_counselors["A"]["client"].get("/admin/booking/bookings/"))
    assert "export=csv" not in listing


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_a_counselor_exports_only_their_own_bookings(two_counselors, export, settings):
    settings.RANGKUL_RESTRICT_EXPORTS = False
    response = two_counselors["A"]["client"].get(f"/admin/booking/bookings/?export={export}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "csv":
        assert b"Murid A" in body and b"Murid B" not in body
    else:
        import io

        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
        names = [row[0] for row in rows[1:]]
        assert names == ["Murid A"]


def test_a_counselor_cannot_open_edit_or_see_history_of_another_counselors_rows(two_counselors):
    client = two_counselors["A"]["client"]
    other = two_counselors["B"]
    own = two_counselors["A"]
    for url in [
        f"/admin/booking/bookings/edit/{other['booking'].pk}/",
        f"/admin/booking/bookings/history/{other['booking'].pk}/",
        f"/admin/booking/sessions/edit/{other['session'].pk}/",
        f"/admin/booking/sessions/history/{other['session'].pk}/",
        f"/admin/booking/sessions/{other['session'].pk}/attendees/",
        f"/admin/booking/waiting/history/{other['entry'].pk}/",
        f"/admin/booking/emails/history/{other['email'].pk}/",
        f"/admin/booking/bookings/{other['booking'].pk}/cancel/",
        f"/admin/booking/sessions/{other['session'].pk}/cancel/",
    ]:
        # Not found, as if it did not exist (the locale middleware first tries the /id/ address).
        assert client.get(url, follow=True).status_code == 404, url
    move = client.post(f"/admin/booking/waiting/{other['entry'].pk}/move/", {"direction": "up"}, follow=True)
    assert move.status_code == 404
    for url in [
        f"/admin/booking/bookings/edit/{own['booking'].pk}/",
        f"/admin/booking/bookings/history/{own['booking'].pk}/",
        f"/admin/booking/sessions/{own['session'].pk}/attendees/",
    ]:
        assert client.get(url).status_code == 200, url


def test_site_history_never_names_a_person(two_counselors, admin_client):
    from booking.services import bookings

    bookings.booking_cancel(booking_id=two_counselors["B"]["booking"].pk, now=clock.now(), user=None)
    response = two_counselors["A"]["client"].get("/admin/reports/site-history/")
    assert "Murid B" not in text(response)
    assert "Murid B" not in text(admin_client.get("/admin/reports/site-history/"))


def test_a_coordinator_sees_and_exports_everything(two_counselors, django_user_model):
    _user, client = staff_client(django_user_model, "koordinator", COORDINATOR)
    listing = text(client.get("/admin/booking/bookings/"))
    assert "Murid A" in listing and "Murid B" in listing
    export = client.get("/admin/booking/bookings/?export=csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"Murid A" in body and b"Murid B" in body
    assert client.get(f"/admin/booking/bookings/edit/{two_counselors['B']['booking'].pk}/").status_code == 200
    assert client.get("/admin/booking/offerings/new/").status_code == 200


def test_a_counselor_cannot_change_offerings(two_counselors):
    client = two_counselors["A"]["client"]
    assert client.get("/admin/booking/offerings/new/").status_code in (302, 403)


def test_every_export_of_personal_data_is_recorded_with_its_filters_and_never_the_search(
    two_counselors, django_user_model
):
    from core.models import PersonalDataEvent

    _user, client = staff_client(django_user_model, "koordinator", COORDINATOR)
    offering = two_counselors["A"]["session"].offering
    response = client.get(f"/admin/booking/bookings/?export=csv&q=Murid&session__offering={offering.pk}")
    assert response.status_code == 200
    event = PersonalDataEvent.objects.get(action="export")
    assert event.user.username == "koordinator"
    assert event.details["filters"] == {"session__offering": [str(offering.pk)]}
    assert event.details["searched"] is True and "Murid" not in str(event.details)
    assert event.details["rows"] == 2
