"""Retention and a person's data requests: nothing of an erased person survives, statistics do."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from booking.models import Booking, BookingStatus, MissedSessionsFollowUp, WaitingListEntry
from booking.services import bookings
from buddies.models import BuddyPair, BuddySignup, PairCheckIn, PairNote, PairStatus, Side
from core.models import PersonalDataEvent, SpreadsheetFile, SpreadsheetStatus
from core.spreadsheets import spreadsheet_build
from privacy.retention import retention_run
from staff.figures import term_figures
from staff.roles import DATA_PROTECTION_OFFICER
from tests import clock
from tests.booking.factories import BookingFactory, OfferingFactory, SessionFactory, WaitingListEntryFactory
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory

pytestmark = pytest.mark.django_db

PERSON = {
    "name": "Kartika Sulistyowati",
    "email": "kartika.rahasia@contoh.id",
    "phone": "0812-7777-1234",
    "guardian_name": "Bapak Sulistyo",
    "guardian_contact": "0813-5555-9876",
}
TRACES = [*PERSON.values(), "Kartika"]


def everything_stored():
    """Every text, JSON and email value in every table, as one string."""
    values = []
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            values.extend(
                json.dumps(list(row), default=str) for row in model._default_manager.values_list(*fields)
            )
    return "\n".join(values)


def survivors():
    stored = everything_stored().lower()
    return [trace for trace in TRACES if trace.lower() in stored]


@pytest.fixture
def person_records(admin_user):
    """The person booked, cancelled, waited and signed up for a buddy; staff edited a booking."""
    offering = OfferingFactory(places_per_session=1)
    long_ago = clock.now() - datetime.timedelta(days=400)
    old_session = SessionFactory(offering=offering, start=long_ago, original_start=long_ago)
    details = {key: PERSON[key] for key in ("name", "email", "phone", "guardian_name", "guardian_contact")}
    attended = BookingFactory(
        session=old_session,
        status=BookingStatus.ATTENDED,
        age_group="13_15",
        guardian_consent=True,
        topic="family",
        **details,
    )
    soon = clock.now() + datetime.timedelta(days=3)
    future = SessionFactory(offering=offering, start=soon, original_start=soon)
    current = BookingFactory(session=future, age_group="13_15", guardian_consent=True, **details)
    bookings.booking_staff_update(booking=current, changed_fields=["phone"], user=admin_user)
    bookings.booking_cancel(booking_id=current.pk, now=clock.now(), user=admin_user)
    full = SessionFactory(offering=offering, start=soon + datetime.timedelta(days=1))
    BookingFactory(session=full)
    WaitingListEntryFactory(session=full, age_group="13_15", guardian_consent=True, **details)
    program = BuddyProgramFactory()
    signup = BuddySignupFactory(
        program=program,
        first_name="Kartika",
        email=PERSON["email"],
        age_group="13_15",
        guardian_name=PERSON["guardian_name"],
        guardian_contact=PERSON["guardian_contact"],
        guardian_consent=True,
        interests=["art"],
    )
    pair = BuddyPair.objects.create(
        program=program,
        buddy=BuddySignupFactory(program=program, side=Side.BUDDY, year=8),
        mentee=signup,
        status=PairStatus.ACTIVE,
        activated_at=clock.now(),
    )
    # After the first contact: her words in a check-in, staff's note about the pair, a follow-up.
    PairCheckIn.objects.create(
        pair=pair, signup=signup, sent_at=clock.now(), answer="help", comment="Kartika ingin ganti buddy"
    )
    PairNote.objects.create(pair=pair, text="Ngobrol dengan Kartika dan buddy-nya")
    MissedSessionsFollowUp.objects.create(
        email=PERSON["email"],
        name=PERSON["name"],
        last_booking=attended,
        reason="in_a_row",
        missed=2,
        created_at=clock.now(),
        note="Kartika sudah dihubungi",
    )
    return attended


def officer_client(django_user_model):
    user = django_user_model.objects.create_user(username="dpo", password="pw")
    user.groups.add(Group.objects.get(name=DATA_PROTECTION_OFFICER))
    client = Client()
    client.force_login(user)
    return client


def test_a_data_request_finds_exports_and_erases_everything_for_an_email(person_records, django_user_model):
    assert survivors()
    client = officer_client(django_user_model)
    found = client.post("/admin/privacy/requests/", {"email": PERSON["email"].upper(), "action": "search"})
    assert found.status_code == 200
    page = found.content.decode()
    assert page.count("Kartika") >= 3  # two bookings, a waiting-list entry, a buddy sign-up

    exported = client.post("/admin/privacy/requests/", {"email": PERSON["email"], "action": "export"})
    data = json.loads(b"".join(exported.streaming_content) if exported.streaming else exported.content)
    assert data["language"] == "id"
    assert len(data["bookings"]) == 2 and len(data["waiting_list"]) == 1 and len(data["buddy_signups"]) == 1
    assert data["bookings"][0]["topic"] == "Keluarga" and "WIB" in data["bookings"][0]["when"]
    (signup,) = data["buddy_signups"]
    assert signup["check_ins"][0]["answer"] == "Aku ingin dibantu"
    assert signup["check_ins"][0]["in_your_words"] == "Kartika ingin ganti buddy"
    assert signup["notes_about_your_pair"][0]["note"] == "Ngobrol dengan Kartika dan buddy-nya"
    assert data["after_missed_sessions"][0]["note"] == "Kartika sudah dihubungi"

    confirm = client.post("/admin/privacy/requests/", {"email": PERSON["email"], "action": "confirm_erase"})
    assert "tidak bisa dibatalkan" in confirm.content.decode()
    refused = client.post("/admin/privacy/requests/erase/", {"email": PERSON["email"]})
    assert refused.status_code == 400 and survivors()
    erased = client.post("/admin/privacy/requests/erase/", {"email": PERSON["email"], "confirm": "on"})
    assert erased.status_code == 302

    assert survivors() == []
    person_records.refresh_from_db()
    assert person_records.status == BookingStatus.ATTENDED and person_records.anonymised_at
    actions = list(PersonalDataEvent.objects.values_list("action", flat=True))
    assert {"data_request_search", "data_request_export", "data_request_erase"} <= set(actions)


def test_erasure_removes_the_spreadsheet_exports_already_built_which_hold_the_person(
    person_records, admin_user, django_user_model
):
    spreadsheet = SpreadsheetFile.objects.create(
        requested_by=admin_user,
        subject="Bookings",
        listing_path="/admin/booking/bookings/",
        filename="bookings.xlsx",
        language="id",
        rows=Booking.objects.count(),
    )
    assert spreadsheet_build(spreadsheet.pk) == SpreadsheetStatus.READY
    content = SpreadsheetFile.objects.values_list("content", flat=True).get(pk=spreadsheet.pk)
    sheet = load_workbook(io.BytesIO(content)).active
    assert PERSON["name"] in {cell for row in sheet.iter_rows(values_only=True) for cell in row}

    client = officer_client(django_user_model)
    found = client.post("/admin/privacy/requests/", {"email": PERSON["email"], "action": "search"})
    assert "1 ekspor spreadsheet" in found.content.decode()
    client.post("/admin/privacy/requests/erase/", {"email": PERSON["email"], "confirm": "on"})
    assert not SpreadsheetFile.objects.exists()


def test_the_data_request_pages_are_for_the_data_protection_officer(
    person_records, client, django_user_model
):
    user = django_user_model.objects.create_user(username="editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    response = client.post("/admin/privacy/requests/", {"email": PERSON["email"], "action": "export"})
    assert response.status_code in (302, 403)
    assert "Kartika" not in response.content.decode()


def test_retention_removes_details_past_their_period_and_keeps_the_statistics(person_records):
    today = clock.today()
    first, last = today - datetime.timedelta(days=420), today
    before = term_figures(first, last, now=clock.now())
    assert retention_run(now=clock.now(), dry_run=True) == {
        "bookings": 1,
        "waiting_list": 0,
        "buddy_signups": 0,
        "help_requests": 0,
        "reports": 0,
    }
    assert Booking.objects.filter(anonymised_at__isnull=False).count() == 0  # a dry run changes nothing
    assert retention_run(now=clock.now()) == {
        "bookings": 1,
        "waiting_list": 0,
        "buddy_signups": 0,
        "help_requests": 0,
        "reports": 0,
    }
    person_records.refresh_from_db()
    assert (
        person_records.name == "—"
        and person_records.topic == ""
        and PERSON["phone"] not in str(Booking.objects.filter(pk=person_records.pk).values().get())
    )
    assert term_figures(first, last, now=clock.now())[0].series == before[0].series
    assert term_figures(first, last, now=clock.now())[2].series == before[2].series

    # A year after everything ended, nothing of the person is left anywhere.
    later = clock.now() + datetime.timedelta(days=800)
    retention_run(now=later)
    assert survivors() == []
    assert WaitingListEntry.objects.get().anonymised_at and BuddySignup.objects.filter(
        anonymised_at__isnull=False
    )


def test_the_retention_command_prints_counts_only(person_records, capsys):
    call_command("retention_run", "--dry-run")
    out = capsys.readouterr().out
    assert "bookings: 1 would be anonymised" in out and "Kartika" not in out
    call_command("retention_run")
    assert "bookings: 1 anonymised" in capsys.readouterr().out


def test_every_form_keeps_the_privacy_notice_version_shown_at_consent(settings):
    from booking.services import waitlist
    from buddies import services as buddy_services
    from tests.buddies.test_services import student

    settings.RANGKUL_PRIVACY_NOTICE_VERSION = "2030-01"
    now = clock.now()
    session = SessionFactory(offering=OfferingFactory(places_per_session=1))
    person = bookings.Person(name="Ayu", email="ayu@contoh.id", age_group="18_plus")
    booking = bookings.booking_create(session_id=session.pk, person=person, language="id", now=now)
    entry = waitlist.waitlist_join(
        session_id=session.pk,
        person=bookings.Person(name="Budi", email="budi@contoh.id", age_group="18_plus"),
        language="id",
        now=now,
    )
    signup = buddy_services.signup_create(
        program_id=BuddyProgramFactory().pk, side=Side.MENTEE, student=student(), language="id", now=now
    )
    assert {booking.privacy_notice_version, entry.privacy_notice_version, signup.privacy_notice_version} == {
        "2030-01"
    }


def test_erasure_ends_what_is_still_running_and_sends_nothing_to_the_person(
    django_user_model, django_capture_on_commit_callbacks
):
    from django.core import mail

    from booking.models import WaitingListStatus
    from booking.services.reminders import reminders_due
    from buddies.models import SignupStatus

    offering = OfferingFactory(places_per_session=1, waiting_list="in_turn")
    soon = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=soon, original_start=soon)
    booked = BookingFactory(session=session, name=PERSON["name"], email=PERSON["email"])
    next_in_line = WaitingListEntryFactory(session=session, name="Lina", email="lina@contoh.id")
    later = soon + datetime.timedelta(days=1)
    full = SessionFactory(offering=offering, start=later, original_start=later)
    BookingFactory(session=full)
    waiting = WaitingListEntryFactory(session=full, name=PERSON["name"], email=PERSON["email"])
    program = BuddyProgramFactory()
    signup = BuddySignupFactory(program=program, first_name="Kartika", email=PERSON["email"])
    buddy = BuddySignupFactory(
        program=program, side=Side.BUDDY, year=8, first_name="Bima", email="bima@contoh.id"
    )
    pair = BuddyPair.objects.create(
        program=program, buddy=buddy, mentee=signup, status=PairStatus.ACTIVE, activated_at=clock.now()
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        erased = officer_client(django_user_model).post(
            "/admin/privacy/requests/erase/", {"email": PERSON["email"], "confirm": "on"}
        )
    assert erased.status_code == 302

    booked.refresh_from_db()
    assert booked.status == BookingStatus.CANCELLED
    next_in_line.refresh_from_db()
    assert next_in_line.status == WaitingListStatus.OFFERED  # the freed place went on to Lina
    waiting.refresh_from_db()
    assert waiting.status == WaitingListStatus.LEFT
    signup.refresh_from_db()
    pair.refresh_from_db()
    assert signup.status == SignupStatus.WITHDRAWN and pair.status == PairStatus.ENDED

    sent_to = [address for message in mail.outbox for address in message.to]
    assert sorted(sent_to) == ["bima@contoh.id", "lina@contoh.id"]
    assert not any("anonymised.invalid" in address or address == PERSON["email"] for address in sent_to)
    (told_partner,) = [message for message in mail.outbox if message.to == ["bima@contoh.id"]]
    assert "sudah berakhir" in told_partner.body
    assert "Kartika" not in told_partner.body and "—" not in told_partner.body
    # Nothing is left to remind anyone of: the day before the session, no reminder is due for it.
    due = reminders_due(now=soon - datetime.timedelta(hours=23))
    assert not [booking for booking, _number in due if booking.session_id == session.pk]
    assert survivors() == []


def test_a_data_request_search_reads_the_same_queries_for_a_person_with_one_record_of_each_kind_or_many(
    person_records, django_user_model
):
    client = officer_client(django_user_model)
    search = {"email": PERSON["email"], "action": "search"}
    client.post("/admin/privacy/requests/", search)  # per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as one:
        client.post("/admin/privacy/requests/", search)
    details = {key: PERSON[key] for key in ("name", "email", "phone", "guardian_name", "guardian_contact")}
    for days in range(1, 20):
        start = clock.now() - datetime.timedelta(days=days)
        BookingFactory(
            session=SessionFactory(start=start, original_start=start),
            status=BookingStatus.ATTENDED,
            age_group="13_15",
            guardian_consent=True,
            **details,
        )
        WaitingListEntryFactory(age_group="13_15", guardian_consent=True, **details)
    with CaptureQueriesContext(connection) as many:
        found = client.post("/admin/privacy/requests/", search)
    assert found.status_code == 200
    assert (
        PersonalDataEvent.objects.filter(action="data_request_search")
        .order_by("pk")
        .last()
        .details["bookings"]
        == 21
    )
    assert len(many) == len(one)
