"""One Emails listing for every kind of email the site sends, narrowed to the user, with "send again"."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from booking.models import BookingEmail, BookingEmailKind, WaitingListEmail, WaitingListEmailKind
from buddies.models import BuddyEmail, BuddyEmailKind
from core.models import OutboxStatus
from staff.roles import COORDINATOR, COUNSELOR, EDITORS, SAFETY_TEAM
from support.models import HelpRequest, RequestKind, SupportEmail, SupportEmailKind
from tests.booking.factories import BookingFactory, CounselorFactory, SessionFactory, WaitingListEntryFactory
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory
from tests.staff.test_roles import staff_client

pytestmark = pytest.mark.django_db

FAILED = {"status": OutboxStatus.FAILED, "attempts": 5}


def one_failed_email_of_each_kind(counselor=None):
    session = SessionFactory(counselor=counselor or CounselorFactory())
    booking = BookingFactory(session=session, name="Ayu", email="ayu@contoh.id")
    entry = WaitingListEntryFactory(session=session, name="Lina", email="lina@contoh.id")
    signup = BuddySignupFactory(
        program=BuddyProgramFactory(counselor=counselor or CounselorFactory()),
        first_name="Bima",
        email="bima@contoh.id",
    )
    return [
        BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION, **FAILED),
        WaitingListEmail.objects.create(entry=entry, kind=WaitingListEmailKind.JOINED, **FAILED),
        BuddyEmail.objects.create(signup=signup, kind=BuddyEmailKind.SIGNED_UP, **FAILED),
    ]


def rows(client, query=""):
    page = BeautifulSoup(client.get(f"/admin/emails/{query}").content, "html.parser")
    return [row.select("td")[0].get_text(strip=True) for row in page.select("tbody tr")], page


def test_every_kind_of_failed_email_is_listed_once_and_can_be_sent_again(
    admin_user, django_capture_on_commit_callbacks
):
    emails = one_failed_email_of_each_kind()
    staff = Client(enforce_csrf_checks=True)  # as a browser would: each form carries its token
    staff.force_login(admin_user)
    names, page = rows(staff, "?status=failed")
    assert sorted(names) == ["Ayu", "Bima", "Lina"]
    for form in page.select("tbody form"):
        fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
        assert fields["csrfmiddlewaretoken"]
        with django_capture_on_commit_callbacks(execute=True):
            assert staff.post(form["action"], fields).status_code == 302
    for email in emails:
        email.refresh_from_db()
        assert email.status == OutboxStatus.SENT
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ayu@contoh.id",
        "bima@contoh.id",
        "lina@contoh.id",
    ]
    assert rows(staff, "?status=failed")[0] == []


def test_a_counselor_lists_and_sends_again_only_the_emails_of_their_own_people(django_user_model):
    user = django_user_model.objects.create_user(username="konselor", password="pw")
    user.groups.add(Group.objects.get(name=COUNSELOR))
    mine = one_failed_email_of_each_kind(CounselorFactory(user=user))
    theirs = one_failed_email_of_each_kind()
    client = Client()
    client.force_login(user)
    names, _page = rows(client)
    assert len(names) == 3
    outbox_of = {BookingEmail: "booking", WaitingListEmail: "waiting", BuddyEmail: "buddies"}
    for email in theirs:
        client.post(f"/admin/emails/{outbox_of[type(email)]}/{email.pk}/send-again/")
        email.refresh_from_db()
        assert email.status == OutboxStatus.FAILED
    assert all(email.status == OutboxStatus.FAILED for email in mine)


def test_the_listing_reads_in_a_constant_number_of_queries(admin_client, admin_user):
    one_failed_email_of_each_kind()
    failed_request_emails(RequestKind.REQUEST, name="Rara", staff_member=admin_user)
    admin_client.get("/admin/emails/")
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/admin/emails/")
    for _number in range(7):
        one_failed_email_of_each_kind()
        failed_request_emails(RequestKind.REQUEST, name="Rara", staff_member=admin_user)
    with CaptureQueriesContext(connection) as many:
        names, _page = rows(admin_client)
    assert len(names) == 40
    assert len(few) == len(many)


def test_people_without_email_permissions_are_refused(django_user_model):
    editor = django_user_model.objects.create_user(username="editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/emails/").status_code in (302, 403)


def failed_request_emails(kind, *, name, staff_member):
    """A request for help (or a report) whose email to the person and alert to staff both failed."""
    request = HelpRequest.objects.create(
        kind=kind,
        for_whom="myself",
        name=name,
        contact_way="email",
        contact=f"{name.lower()}@contoh.id",
        language="id",
    )
    return [
        SupportEmail.objects.create(request=request, kind=SupportEmailKind.RECEIVED, **FAILED),
        SupportEmail.objects.create(
            request=request, kind=SupportEmailKind.STAFF_ALERT, staff_member=staff_member, **FAILED
        ),
    ]


def test_a_failed_email_about_a_request_for_help_is_listed_for_those_who_see_the_request(
    django_user_model, admin_client, django_capture_on_commit_callbacks
):
    coordinator, coordinator_client = staff_client(django_user_model, "koordinator", COORDINATOR)
    tppk, tppk_client = staff_client(django_user_model, "tppk", SAFETY_TEAM)
    _editor, editor_client = staff_client(django_user_model, "editor", EDITORS)
    for user, full_name in [(coordinator, "Bu Rina"), (tppk, "Pak Dedi")]:
        user.first_name, user.email = full_name, f"{user.username}@sekolah.sch.id"
        user.save()
    request_emails = failed_request_emails(RequestKind.REQUEST, name="Rara", staff_member=coordinator)
    report_emails = failed_request_emails(RequestKind.REPORT, name="Sekar", staff_member=tppk)

    # The person asking and the staff member alerted; a report's only for the school safety team.
    assert sorted(rows(coordinator_client)[0]) == ["Bu Rina", "Rara"]
    assert sorted(rows(admin_client)[0]) == ["Bu Rina", "Rara"]  # a superuser is not on the team
    assert sorted(rows(tppk_client)[0]) == ["Pak Dedi", "Sekar"]
    assert editor_client.get("/admin/emails/").status_code in (302, 403)
    for email in report_emails:
        coordinator_client.post(f"/admin/emails/support/{email.pk}/send-again/")
        email.refresh_from_db()
        assert email.status == OutboxStatus.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        for email in request_emails:
            assert coordinator_client.post(f"/admin/emails/support/{email.pk}/send-again/").status_code == 302
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "koordinator@sekolah.sch.id",
        "rara@contoh.id",
    ]
