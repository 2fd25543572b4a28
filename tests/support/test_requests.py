"""Asking to be contacted and reporting bullying or violence, as a student and as staff would."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from core.logging import mask_tokens
from staff.roles import COORDINATOR, COUNSELOR, DATA_PROTECTION_OFFICER, EDITORS, SAFETY_TEAM
from support.models import HelpRequest, RequestStatus
from tests.staff.test_permission_matrix import answer
from tests.staff.test_roles import staff_client

ASK = "/id/help/ask/"
REPORT = "/en/help/report/"


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def staff(django_user_model, group, name):
    user, client = staff_client(django_user_model, name, group)
    user.email = f"{name}@sekolah.sch.id"
    user.save()
    return user, client


@pytest.fixture
def team(django_user_model):
    return {
        "counselor": staff(django_user_model, COUNSELOR, "konselor"),
        "other_counselor": staff(django_user_model, COUNSELOR, "konselor2"),
        "coordinator": staff(django_user_model, COORDINATOR, "koordinator"),
        "tppk": staff(django_user_model, SAFETY_TEAM, "tppk"),
        "editor": staff(django_user_model, EDITORS, "editor"),
        "officer": staff(django_user_model, DATA_PROTECTION_OFFICER, "dpo"),
    }


URGENT = {
    "for_whom": "myself",
    "topic": "feelings",
    "details": "Saya merasa sangat sedih akhir-akhir ini",
    "is_urgent": "on",
    "name": "Rara",
    "contact_way": "email",
    "contact": "rara@contoh.id",
    "good_times": "istirahat",
    "no_parents": "on",
}


def test_an_urgent_request_tells_the_counselors_at_once_and_no_email_names_the_topic(
    client, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(ASK, URGENT, follow=True)
    assert sent.status_code == 200
    page = BeautifulSoup(sent.content, "html.parser")
    # The crisis numbers come before anything else on the page.
    assert page.select_one("main aside.notice--safety") is page.select_one("main .notice")
    status_link = page.find("a", string=re.compile("/help/status/"))["href"]

    request = HelpRequest.objects.get()
    assert request.is_urgent and request.no_parents and request.status == RequestStatus.NEW
    to = sorted(message.to[0] for message in mail.outbox)
    # The person, and the two counselors and the coordinator (who may take requests); not the
    # safety team, editors or the data protection officer.
    assert to == sorted(
        [
            "koordinator@sekolah.sch.id",
            "konselor2@sekolah.sch.id",
            "konselor@sekolah.sch.id",
            "rara@contoh.id",
        ]
    )
    for message in mail.outbox:
        body = (message.subject + message.body).lower()
        assert "sedih" not in body and "rara" not in body.replace("rara@contoh.id", "")
        assert "perasaan" not in body and "feel" not in body
    (to_person,) = [m for m in mail.outbox if m.to == ["rara@contoh.id"]]
    assert status_link in to_person.body
    assert mask_tokens(status_link.replace("http://127.0.0.1:8000", "")).endswith("/status/[token]/")

    status = Client().get(status_link.replace("http://127.0.0.1:8000", ""))
    assert status.status_code == 200
    assert "Diterima" in text_of(status) and "sedih" not in text_of(status)


def test_a_mistake_on_the_form_is_said_next_to_the_field_and_nothing_typed_is_lost(client, team):
    answer = client.post(ASK, {**URGENT, "contact": "bukan-email"})
    assert answer.status_code == 400
    page = BeautifulSoup(answer.content, "html.parser")
    assert page.select_one("#id_contact_error") is not None
    assert page.select_one("#id_details").get_text().strip() == URGENT["details"]
    assert page.title.get_text().startswith("Kesalahan:")
    missing = client.post(ASK, {"for_whom": "myself", "contact_way": "at_school"})
    assert missing.status_code == 400
    errors = {p["id"] for p in BeautifulSoup(missing.content, "html.parser").select("p.field-error[id]")}
    assert {"id_name_error", "id_school_class_error"} <= errors
    assert HelpRequest.objects.count() == 0 and mail.outbox == []


def test_an_anonymous_report_reaches_the_safety_team_and_nobody_else(
    client, team, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            REPORT,
            {
                "for_whom": "friend",
                "details": "Dimas keeps being pushed in the toilets by older boys",
                "is_anonymous": "on",
                "name": "Should be dropped",
                "contact_way": "email",
                "contact": "dropped@contoh.id",
            },
            follow=True,
        )
    assert "only way" in text_of(sent)
    report = HelpRequest.objects.get()
    assert report.is_anonymous and report.name == report.contact == "" and report.contact_way == ""
    assert [m.to for m in mail.outbox] == [["tppk@sekolah.sch.id"]]
    assert "Dimas" not in mail.outbox[0].body

    tppk = team["tppk"][1]
    assert "Dimas" in text_of(answer(tppk, "get", f"/admin/requests/{report.pk}/"))
    assert f"/admin/requests/{report.pk}/" in answer(tppk, "get", "/admin/requests/").content.decode()
    for role in ("counselor", "coordinator"):
        client_of_role = team[role][1]
        assert answer(client_of_role, "get", f"/admin/requests/{report.pk}/").status_code == 404
        assert (
            f"/admin/requests/{report.pk}/"
            not in answer(client_of_role, "get", "/admin/requests/").content.decode()
        )
    assert (
        answer(admin_client, "get", f"/admin/requests/{report.pk}/").status_code == 404
    )  # a superuser is not on the team


def test_a_request_taken_by_one_counselor_is_theirs_and_the_coordinators(client, team):
    client.post(ASK, {**URGENT, "is_urgent": ""})
    request = HelpRequest.objects.get()
    counselor, other, coordinator = team["counselor"][1], team["other_counselor"][1], team["coordinator"][1]
    assert (
        answer(other, "get", f"/admin/requests/{request.pk}/").status_code == 200
    )  # new: any counselor may take it

    counselor.post(f"/admin/requests/{request.pk}/take/")
    counselor.post(f"/admin/requests/{request.pk}/note/", {"text": "Bertemu saat istirahat hari Senin"})
    request.refresh_from_db()
    assert request.assigned_to == team["counselor"][0] and request.first_response_at is not None

    assert answer(other, "get", f"/admin/requests/{request.pk}/").status_code == 404
    other.post(f"/admin/requests/{request.pk}/note/", {"text": "menyusup"})
    assert request.notes.count() == 1
    assert "Bertemu saat istirahat" in text_of(answer(coordinator, "get", f"/admin/requests/{request.pk}/"))

    refused = counselor.post(f"/admin/requests/{request.pk}/status/", {"status": "closed"}, follow=True)
    request.refresh_from_db()
    assert request.status == RequestStatus.NEW and "Pilih" in text_of(refused)
    counselor.post(f"/admin/requests/{request.pk}/status/", {"status": "closed", "outcome": "booked"})
    request.refresh_from_db()
    assert request.is_closed and request.outcome == "booked"
    assert "Ditutup" in text_of(Client().get(f"/id/help/status/{request.status_token}/"))


@pytest.mark.parametrize(
    ("role", "sees_request", "sees_report"),
    [
        ("counselor", True, False),
        ("coordinator", True, False),
        ("tppk", False, True),
        ("editor", False, False),
        ("officer", False, False),
    ],
)
def test_who_sees_requests_and_reports(client, team, role, sees_request, sees_report):
    client.post(ASK, {**URGENT, "is_urgent": ""})
    client.post(REPORT, {"for_whom": "myself", "details": "x", "is_anonymous": "on"})
    request, report = HelpRequest.objects.order_by("pk")
    _user, staff_member = team[role]
    for row, expected in ((request, sees_request), (report, sees_report)):
        response = answer(staff_member, "get", f"/admin/requests/{row.pk}/")
        assert (response.status_code == 200) is expected, (role, row.kind, response.status_code)
        before = HelpRequest.objects.get(pk=row.pk)
        for action, data in (("take", {}), ("status", {"status": "contacted"}), ("note", {"text": "n"})):
            answer(staff_member, "post", f"/admin/requests/{row.pk}/{action}/", **data)
        after = HelpRequest.objects.get(pk=row.pk)
        changed = (after.status, after.assigned_to_id, after.notes.count()) != (before.status, None, 0)
        assert changed is expected, (role, row.kind)
    listing = answer(staff_member, "get", "/admin/requests/")
    assert (listing.status_code == 200) is (sees_request or sees_report)


def test_the_groups_are_made_by_the_migrations(db):
    assert Group.objects.filter(name=SAFETY_TEAM).exists()


def test_the_admin_home_counts_what_is_waiting_and_says_nothing_of_it(client, team):
    client.post(ASK, URGENT)
    client.post(REPORT, {"for_whom": "myself", "details": "Rahasia sekali", "is_anonymous": "on"})
    counselor_home = text_of(answer(team["counselor"][1], "get", "/admin/"))
    assert "1 permintaan bantuan menunggu" in counselor_home and "1 mendesak" in counselor_home
    assert "laporan perundungan" not in counselor_home.lower()
    team_home = text_of(answer(team["tppk"][1], "get", "/admin/"))
    assert "1 laporan perundungan atau kekerasan belum ditangani" in team_home
    assert "permintaan bantuan menunggu" not in team_home
    for home in (counselor_home, team_home):
        assert "Rahasia" not in home and "sedih" not in home and "Rara" not in home


def test_a_data_request_exports_and_erases_requests_but_never_shows_a_report(
    client, team, django_capture_on_commit_callbacks
):
    client.post(ASK, {**URGENT, "is_urgent": ""})
    client.post(
        REPORT,
        {
            "for_whom": "myself",
            "details": "Laporan Rara",
            "name": "Rara",
            "contact_way": "email",
            "contact": "rara@contoh.id",
        },
    )
    request, report = HelpRequest.objects.order_by("pk")
    team["counselor"][1].post(f"/admin/requests/{request.pk}/take/")
    team["counselor"][1].post(f"/admin/requests/{request.pk}/note/", {"text": "Bertemu Senin"})
    officer = team["officer"][1]
    found = text_of(officer.post("/admin/privacy/requests/", {"email": "RARA@contoh.id", "action": "search"}))
    assert "Rara" in found and "Laporan Rara" not in found
    exported = officer.post("/admin/privacy/requests/", {"email": "rara@contoh.id", "action": "export"})
    data = json.loads(b"".join(exported.streaming_content) if exported.streaming else exported.content)
    assert [item["in_your_words"] for item in data["help_requests"]] == [URGENT["details"]]

    officer.post("/admin/privacy/requests/erase/", {"email": "rara@contoh.id", "confirm": "on"})
    request.refresh_from_db()
    assert request.is_closed and request.outcome == "no_further_contact"  # nobody goes on trying to reach her
    assert (request.name, request.contact, request.details, request.notes.count()) == ("—", "", "", 0)
    report.refresh_from_db()
    assert report.name == "Rara" and report.details == "Laporan Rara"  # the team answers for reports


def test_retention_removes_a_closed_request_a_year_after_closing_and_never_an_open_one(client, team):
    import datetime

    from privacy.retention import retention_run
    from tests import clock

    client.post(ASK, {**URGENT, "is_urgent": ""})
    client.post(ASK, {**URGENT, "is_urgent": "", "contact": "bima@contoh.id", "name": "Bima"})
    closed, still_open = HelpRequest.objects.order_by("pk")
    counselor = team["counselor"][1]
    counselor.post(f"/admin/requests/{closed.pk}/status/", {"status": "closed", "outcome": "booked"})
    after_a_year = clock.now() + datetime.timedelta(days=366)
    assert retention_run(now=after_a_year)["help_requests"] == 1
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert (
        closed.anonymised_at and closed.details == "" and closed.contact == "" and closed.outcome == "booked"
    )
    assert still_open.name == "Bima" and still_open.anonymised_at is None
