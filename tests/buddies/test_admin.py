import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buddies.models import BuddyPair, PairStatus, Side
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    program = BuddyProgramFactory(mentees_per_buddy=1)
    BuddySignupFactory(
        program=program,
        side=Side.BUDDY,
        first_name="Bima",
        school_class="8A",
        year=8,
        approved=True,
        training_completed=True,
        email="bima@contoh.id",
    )
    BuddySignupFactory(
        program=program, side=Side.MENTEE, first_name="Andi", school_class="7A", email="andi@contoh.id"
    )
    BuddySignupFactory(
        program=program, side=Side.MENTEE, first_name="Sinta", school_class="7B", email="sinta@contoh.id"
    )
    return program


def test_staff_see_suggestions_with_reasons_and_who_is_left_out(admin_client, program):
    page = BeautifulSoup(
        admin_client.get(f"/admin/buddies/programs/{program.pk}/matching/").content, "html.parser"
    )
    rows = page.select("table.listing")[0].select("tbody tr")
    assert len(rows) == 1
    assert "Bima" in rows[0].get_text()
    assert "Siswa tanpa buddy" in page.get_text() or "Students without a buddy" in page.get_text()


def test_students_of_the_same_name_and_class_are_told_apart_on_the_matching_screen(admin_client):
    program = BuddyProgramFactory()
    twins = [BuddySignupFactory(program=program, first_name="Budi", school_class="7B") for _ in range(3)]
    page = BeautifulSoup(
        admin_client.get(f"/admin/buddies/programs/{program.pk}/matching/").content, "html.parser"
    )
    lines = [item.get_text(" ", strip=True) for item in page.select("li") if "Budi" in item.get_text()]
    assert len(lines) == 3 and len(set(lines)) == 3, lines
    assert all(f"no. {twin.pk}" in " ".join(lines) for twin in twins)


def test_staff_accept_in_bulk_then_start_a_pair_which_emails_both(
    admin_client, program, django_capture_on_commit_callbacks
):
    page = BeautifulSoup(
        admin_client.get(f"/admin/buddies/programs/{program.pk}/matching/").content, "html.parser"
    )
    values = [box["value"] for box in page.select("input[name=pair]")]
    admin_client.post(f"/admin/buddies/programs/{program.pk}/accept/", {"pair": values})
    pair = BuddyPair.objects.get()
    assert pair.status == PairStatus.PROPOSED
    confirm = admin_client.get(f"/admin/buddies/pairs/{pair.pk}/activate/")
    assert "bima@contoh.id" in confirm.content.decode() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/buddies/pairs/{pair.pk}/activate/")
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["bima@contoh.id", pair.mentee.email])
    assert admin_client.get(f"/admin/buddies/pairs/history/{pair.pk}/").status_code == 200
    export = admin_client.get("/admin/buddies/pairs/", {"export": "csv"})
    assert export.status_code == 200


def test_staff_without_buddy_permissions_are_refused(client, django_user_model, program):
    editor = django_user_model.objects.create_user(username="editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (
        f"/admin/buddies/programs/{program.pk}/matching/",
        "/admin/buddies/signups/",
        "/admin/buddies/pairs/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    response = client.post(f"/admin/buddies/programs/{program.pk}/accept/", {"pair": ["1:2"]})
    assert response.status_code == 302 and not BuddyPair.objects.exists()


def test_deleting_a_program_with_sign_ups_is_refused_with_a_reason(admin_client, program):
    response = admin_client.post(f"/admin/buddies/programs/delete/{program.pk}/", follow=True)
    assert response.status_code == 200
    assert "pendaftaran dan pasangan mereka" in response.content.decode()
    assert type(program).objects.filter(pk=program.pk).exists()


def test_pair_exports_show_local_time(admin_client, program):
    import csv
    import io

    from buddies.services import pair_propose

    buddy, mentee = program.signups.get(side=Side.BUDDY), program.signups.get(first_name="Andi")
    pair_propose(program_id=program.pk, buddy_id=buddy.pk, mentee_id=mentee.pk, user=None)
    response = admin_client.get("/admin/buddies/pairs/", {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    # A date-time a spreadsheet can sort, in WIB, as the heading says.
    proposed = BuddyPair.objects.get().created_at
    assert row["Diusulkan pada (WIB)"] == timezone.localtime(proposed).strftime("%Y-%m-%d %H:%M")


def test_why_a_pair_was_matched_is_read_in_the_readers_language(admin_client, program):
    from django.utils import translation

    page = BeautifulSoup(
        admin_client.get(f"/admin/buddies/programs/{program.pk}/matching/").content, "html.parser"
    )
    values = [box["value"] for box in page.select("input[name=pair]")]
    with translation.override("en"):  # proposed by someone reading English
        admin_client.post(f"/admin/buddies/programs/{program.pk}/accept/", {"pair": values})
    pair = BuddyPair.objects.get()
    assert all(isinstance(reason, dict) for reason in pair.reasons)  # codes, not words
    listing = admin_client.get("/admin/buddies/pairs/").content.decode()  # read in Indonesian
    assert "bahasa yang sama" in listing or "lebih tua" in listing
    assert "shared language" not in listing and "years older" not in listing


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _people_and_pairs(program, count, start):
    for number in range(start, start + count):
        buddy = BuddySignupFactory(
            program=program,
            side=Side.BUDDY,
            year=9,
            school_class="9A",
            approved=True,
            training_completed=True,
        )
        mentee = BuddySignupFactory(program=program, side=Side.MENTEE, year=7, school_class=f"7{number}")
        BuddyPair.objects.create(program=program, buddy=buddy, mentee=mentee, status=PairStatus.ACTIVE)
        BuddySignupFactory(program=program, side=Side.MENTEE, year=7, school_class=f"7{number}")


@pytest.mark.parametrize(
    "url", ["/admin/buddies/programs/{pk}/matching/", "/admin/buddies/signups/", "/admin/buddies/pairs/"]
)
def test_the_matching_screen_and_buddy_listings_read_the_same_queries_for_1_or_20_of_everything(
    admin_client, program, url
):
    url = url.format(pk=program.pk)
    _people_and_pairs(program, 1, start=0)
    admin_client.get(url)  # per-process caches (content types, permissions)
    one = _queries(admin_client, url)
    _people_and_pairs(program, 19, start=1)
    many = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert len(many.select("tbody tr")) >= 20  # the new pairs or sign-ups are on the screen
    assert _queries(admin_client, url) == one
