"""Large XLSX exports: built by a worker through the same listing, downloaded when ready, kept a day."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from booking.models import BookingStatus
from core.models import PersonalDataEvent, SpreadsheetFile, SpreadsheetStatus
from core.periodic import run_due
from staff.roles import COORDINATOR, COUNSELOR
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory
from tests.core.conftest import run_queue

pytestmark = pytest.mark.django_db

LISTING = "/admin/booking/bookings/"


@pytest.fixture
def bookings(settings):
    """Four confirmed bookings and one cancelled, with a listing that builds more than two rows in the background."""
    settings.RANGKUL_XLSX_IN_REQUEST_MOST_ROWS = 2
    session = SessionFactory(offering=OfferingFactory(places_per_session=10))
    for number in range(4):
        BookingFactory(session=session, name=f"Murid {number}", email=f"murid{number}@contoh.id")
    BookingFactory(session=session, name="Batal", email="batal@contoh.id", status=BookingStatus.CANCELLED)
    return session


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def ask(client, **filters):
    return client.get(LISTING, {"export": "xlsx", **filters}, HTTP_ACCEPT_LANGUAGE="id")


def test_a_large_xlsx_is_built_in_the_background_from_the_filtered_list_and_downloaded_when_ready(
    bookings, django_user_model, database_queue
):
    user, client = staff(django_user_model, "koordinator", COORDINATOR)
    asked = ask(client, status="confirmed")
    spreadsheet = SpreadsheetFile.objects.get()
    assert asked.status_code == 302 and asked["Location"] == f"/admin/spreadsheets/{spreadsheet.pk}/"
    # Before a worker takes it: where it stands, and a way to check again without JavaScript.
    waiting = client.get(asked["Location"])
    waiting_text = page_text(waiting)
    assert "Menunggu giliran" in waiting_text and "0 dari 4" in waiting_text
    assert BeautifulSoup(waiting.content, "html.parser").find("button", string="Periksa lagi")
    assert not PersonalDataEvent.objects.filter(action="export").exists()

    run_queue("email")  # another queue's worker leaves it alone
    assert SpreadsheetFile.objects.get().status == SpreadsheetStatus.QUEUED
    run_queue("exports")
    ready = client.get(asked["Location"])
    soup = BeautifulSoup(ready.content, "html.parser")
    assert soup.find(id="spreadsheet-status").get_text(strip=True) == "Siap diunduh"
    link = soup.find("a", href=f"/admin/spreadsheets/{spreadsheet.pk}/download/")
    assert link is not None and "WIB" in page_text(ready)  # when this copy is removed
    assert soup.find("a", string="Kembali ke janji temu")["href"] == f"{LISTING}?status=confirmed"

    download = client.get(link["href"])
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    rows = list(openpyxl.load_workbook(io.BytesIO(download.content)).active.values)
    names = sorted(row[0] for row in rows[1:])
    assert names == ["Murid 0", "Murid 1", "Murid 2", "Murid 3"], rows[0]
    event = PersonalDataEvent.objects.get(action="export")
    assert (
        event.user == user
        and event.details["rows"] == 4
        and event.details["filters"] == {"status": ["confirmed"]}
    )


def test_a_file_is_its_requesters_alone_and_goes_a_day_after_it_was_asked_for(bookings, django_user_model):
    _, client = staff(django_user_model, "koordinator", COORDINATOR)
    _, other = staff(django_user_model, "koordinator2", COORDINATOR)
    asked = ask(client)  # the test settings run tasks at once
    spreadsheet = SpreadsheetFile.objects.get()
    assert spreadsheet.status == SpreadsheetStatus.READY and spreadsheet.rows == 5
    download = f"/admin/spreadsheets/{spreadsheet.pk}/download/"
    # As for a file that was never there (past the site's redirect to a language's pages).
    assert other.get(asked["Location"], follow=True).status_code == 404
    assert other.get(download, follow=True).status_code == 404
    assert client.get(download).status_code == 200

    run_due(now=clock.now() + datetime.timedelta(hours=23))
    assert client.get(download).status_code == 200
    assert run_due(now=clock.now() + datetime.timedelta(hours=25))["spreadsheets_removed"] == 1
    assert client.get(download, follow=True).status_code == 404 and not SpreadsheetFile.objects.exists()


def test_staff_who_may_not_export_cannot_queue_a_file(bookings, django_user_model):
    _, counselor = staff(django_user_model, "konselor", COUNSELOR)
    refused = ask(counselor)
    # Wagtail answers a refused admin page with the dashboard and a message.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not SpreadsheetFile.objects.exists()


def test_a_file_the_listing_refuses_when_it_is_built_says_so_and_keeps_nothing(
    bookings, django_user_model, database_queue
):
    user, client = staff(django_user_model, "koordinator", COORDINATOR)
    asked = ask(client)
    # Between asking and building, the staff member left the coordinators.
    user.groups.clear()
    user.groups.add(Group.objects.get(name=COUNSELOR))
    run_queue("exports")
    spreadsheet = SpreadsheetFile.objects.get()
    assert spreadsheet.status == SpreadsheetStatus.FAILED and spreadsheet.content is None
    failed = page_text(client.get(asked["Location"]))
    assert "Tidak dapat dibuat" in failed and "CSV" in failed
    assert not PersonalDataEvent.objects.filter(action="export").exists()


def test_a_small_xlsx_still_downloads_at_once(bookings, django_user_model, settings):
    settings.RANGKUL_XLSX_IN_REQUEST_MOST_ROWS = 5
    _, client = staff(django_user_model, "koordinator", COORDINATOR)
    response = ask(client)
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert not SpreadsheetFile.objects.exists()


def test_the_worker_writes_in_the_askers_language_and_counts_the_rows_it_reads(
    bookings, django_user_model, database_queue
):
    _, client = staff(django_user_model, "koordinator", COORDINATOR)
    asked = client.get(LISTING, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    assert SpreadsheetFile.objects.get().rows == 5
    BookingFactory(session=bookings, name="Murid baru", email="baru@contoh.id")  # before a worker takes it

    # A worker runs in the site's language (Bahasa Indonesia); the file keeps the one it was asked in.
    with translation.override(settings.LANGUAGE_CODE):
        run_queue("exports")
    spreadsheet = SpreadsheetFile.objects.get()
    rows = list(openpyxl.load_workbook(io.BytesIO(bytes(spreadsheet.content))).active.values)
    assert rows[0][0] == "Name" and len(rows) - 1 == 6
    assert spreadsheet.rows == 6
    assert "6 rows" in page_text(client.get(asked["Location"], HTTP_ACCEPT_LANGUAGE="en"))
