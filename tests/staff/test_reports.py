"""The Reports page and the admin home dashboard, computed from a small known term."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone
from openpyxl import load_workbook

from booking.models import BookingStatus, MissedSessionsFollowUp, SessionFeedback, WaitingListStatus
from buddies.models import BuddyPair, CheckInAnswer, EndReason, PairCheckIn, PairStatus, Side
from programs.models import ProgramPage
from staff import dashboard
from staff.figures import term_figures
from staff.models import Term
from staff.roles import COORDINATOR, COUNSELOR
from support.models import HelpRequest
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    SessionFactory,
    WaitingListEntryFactory,
)
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory

pytestmark = pytest.mark.django_db

ZONE = timezone.get_default_timezone()
MONDAY = datetime.date(2026, 9, 7)
NOW = datetime.datetime(2026, 9, 21, 9, 0, tzinfo=ZONE)  # the Monday after the two weeks


def at(day_offset, hour=10):
    return datetime.datetime.combine(MONDAY + datetime.timedelta(days=day_offset), datetime.time(hour), ZONE)


@pytest.fixture
def known_term():
    """Two weeks: counseling fills 3 of 4 then 4 of 4 places; peer support 1 of 2, attendance not recorded."""
    counseling = OfferingFactory(places_per_session=4)
    peer = OfferingFactory(
        places_per_session=2,
        program_page=ProgramPage.objects.get(slug="dukungan-teman-sebaya", locale__language_code="id"),
    )
    week_one = SessionFactory(offering=counseling, start=at(1), original_start=at(1))
    for status in [
        BookingStatus.ATTENDED,
        BookingStatus.ATTENDED,
        BookingStatus.NO_SHOW,
        BookingStatus.CANCELLED,
    ]:
        BookingFactory(session=week_one, status=status, name="Rahasia")
    week_two = SessionFactory(offering=counseling, start=at(8), original_start=at(8))
    for _number in range(4):
        BookingFactory(session=week_two, status=BookingStatus.ATTENDED, name="Rahasia")
    WaitingListEntryFactory(session=week_two, status=WaitingListStatus.BOOKED, name="Rahasia")
    WaitingListEntryFactory(session=week_two, status=WaitingListStatus.EXPIRED, name="Rahasia")
    peer_session = SessionFactory(offering=peer, start=at(9), original_start=at(9))
    BookingFactory(session=peer_session, status=BookingStatus.CONFIRMED, name="Rahasia")
    program = BuddyProgramFactory()
    pair = BuddyPair.objects.create(
        program=program,
        buddy=BuddySignupFactory(program=program, side=Side.BUDDY),
        mentee=BuddySignupFactory(program=program),
        status=PairStatus.ACTIVE,
        activated_at=at(7),
    )
    ended = BuddyPair.objects.create(
        program=program,
        buddy=BuddySignupFactory(program=program, side=Side.BUDDY),
        mentee=BuddySignupFactory(program=program),
        status=PairStatus.ENDED,
        activated_at=at(0),
        ended_at=at(10),
        end_reason=EndReason.NOT_A_GOOD_MATCH,
    )
    # Check-ins: both of the active pair answered (one asked for help); one of the ended pair did not.
    for signup, answer in ((pair.buddy, CheckInAnswer.GOING_WELL), (pair.mentee, CheckInAnswer.HELP)):
        PairCheckIn.objects.create(
            pair=pair, signup=signup, sent_at=at(8), answer=answer, answered_at=at(8, 12)
        )
    PairCheckIn.objects.create(pair=ended, signup=ended.mentee, sent_at=at(8))
    for overall in (5, 4, 4, 5, 3):
        SessionFeedback.objects.create(offering=counseling, week=MONDAY, listened=5, overall=overall)
    MissedSessionsFollowUp.objects.create(
        email="rahasia@contoh.id",
        name="Rahasia",
        reason="in_a_row",
        missed=2,
        created_at=at(9),
        done_at=at(10),
    )
    # Requests for help: two in week one (answered after 2 and 6 hours), a report in week two not yet answered.
    for received, kind, hours in ((at(0), "request", 2), (at(2), "request", 6), (at(9), "report", None)):
        request = HelpRequest.objects.create(kind=kind, for_whom="myself", details="Rahasia", language="id")
        HelpRequest.objects.filter(pk=request.pk).update(
            created_at=received,
            first_response_at=received + datetime.timedelta(hours=hours) if hours else None,
        )
    return Term.objects.create(
        name="Semester uji", start_date=MONDAY, end_date=MONDAY + datetime.timedelta(days=13)
    )


def figure(figures, key):
    return next(f for f in figures if f.key == key)


def test_the_figures_of_a_known_term(known_term):
    figures = term_figures(known_term.start_date, known_term.end_date, now=NOW)
    bookings = figure(figures, "bookings")
    assert bookings.categories == ["7 Sep", "14 Sep"]
    assert bookings.series["Bimbingan Konseling"] == [3, 4]
    assert bookings.series["Dukungan Teman Sebaya"] == [0, 1]
    assert bookings.series["Layanan Psikososial"] == [0, 0]
    assert figure(figures, "fill_rate").series["Tempat terisi (%)"] == [75, 83]  # 3/4, then 5/6
    attendance = figure(figures, "attendance")
    assert attendance.categories == ["Dukungan Teman Sebaya", "Bimbingan Konseling", "Layanan Psikososial"]
    assert attendance.series["Datang (%)"] == [0, 86, 0]  # 6 of 7 recorded came
    assert attendance.series["Tidak datang (%)"] == [0, 14, 0]
    assert "1 pemesanan" in str(attendance.notes[0])
    waiting = figure(figures, "waiting_list")
    assert waiting.series["Masuk daftar tunggu"] == [0, 2, 0]
    assert waiting.series["Mendapat tempat darinya"] == [0, 1, 0]
    assert figure(figures, "buddy_pairs").series["Pasangan aktif"] == [1, 2]  # the ended pair ran both weeks
    requests = figure(figures, "requests")
    assert requests.series["Permintaan untuk dihubungi"] == [2, 0]
    assert requests.series["Laporan perundungan atau kekerasan"] == [0, 1]
    notes = [str(note) for note in requests.notes]
    assert "dalam 4,0 jam" in notes[0] and "1 belum dijawab" in notes[1]
    pairs = figure(figures, "pair_health")
    assert pairs.series["Jumlah"] == [3, 2, 1, 1, 0, 0, 1, 0, 0]
    assert [str(note) for note in pairs.notes] == [
        "67% sapaan dijawab.",
        "1 pasangan berakhir sebelum programnya selesai.",
    ]
    after = figure(figures, "after_sessions")
    assert after.series["Jumlah"] == [5, 1, 1]
    assert "rata-rata 4,2 dari 5" in str(after.notes[-1]) and "rata-rata 5,0 dari 5" in str(after.notes[0])


def coordinator_client(django_user_model, group=COORDINATOR):
    user = django_user_model.objects.create_user(username=f"user-{group}", password="pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_the_reports_page_draws_each_figure_with_its_table_and_no_names(known_term, django_user_model):
    client = coordinator_client(django_user_model)
    response = client.get(f"/admin/reports/service/?term={known_term.pk}")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    sections = page.select("section.report-figure")
    assert len(sections) == 8
    for section in sections:
        assert section.select_one("svg[role=img] title").get_text() == section.select_one("h2").get_text()
        assert section.select_one("table")
    bars = page.select("section.report-figure")[0].select("svg rect title")
    assert "14 Sep: Bimbingan Konseling · 4" in [bar.get_text() for bar in bars]
    assert "Rahasia" not in response.content.decode()


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_report_exports_its_numbers(known_term, django_user_model, export):
    client = coordinator_client(django_user_model)
    response = client.get(f"/admin/reports/service/?term={known_term.pk}&export={export}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "csv":
        text = body.decode()
        assert "Bimbingan Konseling,4" in text.replace('"', "")
        assert "Rahasia" not in text
    else:
        rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
        assert ("Pemesanan per minggu, per layanan", "14 Sep", "Bimbingan Konseling", 4) in rows


def test_a_counselor_cannot_open_the_reports(known_term, django_user_model):
    client = coordinator_client(django_user_model, group=COUNSELOR)
    response = client.get("/admin/reports/service/")
    # Wagtail answers a refused admin page by sending the user home with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_admin_home_shows_today_the_week_and_what_needs_attention(admin_client, known_term):
    now = clock.now()
    # Today, whatever the hour: half an hour ahead, or behind when that is already tomorrow.
    start = now + datetime.timedelta(minutes=30)
    if timezone.localdate(start) != timezone.localdate(now):
        start = now - datetime.timedelta(minutes=30)
    today = SessionFactory(
        offering=OfferingFactory(slug="hari-ini", title="Kelompok hari ini", places_per_session=4),
        start=start,
        original_start=start,
    )
    # Held places count as taken but ask for no attendance, whether or not the session has begun.
    BookingFactory(session=today, status=BookingStatus.PENDING)
    BookingFactory(session=today, status=BookingStatus.PENDING)
    WaitingListEntryFactory(session=today)
    yesterday = SessionFactory(
        offering=today.offering,
        start=now - datetime.timedelta(days=1),
        original_start=now - datetime.timedelta(days=1),
    )
    BookingFactory(session=yesterday)
    page = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    week = page.select_one("[aria-labelledby=staff-week-heading]")
    row = next(tr for tr in week.select("tbody tr") if "Kelompok hari ini" in tr.get_text())
    cells = [td.get_text(strip=True) for td in row.select("td")]
    assert cells[3:] == ["2 / 4", "1"]
    assert "WIB" in cells[0]
    attention = page.select_one("[aria-labelledby=staff-attention-heading]").get_text()
    assert "1 sesi dalam dua minggu terakhir belum dicatat kehadirannya" in attention


def test_a_counselors_week_shows_only_their_sessions_in_constant_queries(django_user_model):
    user = django_user_model.objects.create_user(username="konselor", password="pw")
    mine, theirs = CounselorFactory(user=user), CounselorFactory()
    offering = OfferingFactory()
    now = clock.now()

    def add(counselor, count):
        for number in range(count):
            start = now + datetime.timedelta(days=1, hours=number)
            SessionFactory(offering=offering, counselor=counselor, start=start, original_start=start)

    add(theirs, 3)
    add(mine, 1)
    dashboard.week_sessions(user, now=now)  # the user's permissions are read once, then cached
    with CaptureQueriesContext(connection) as one:
        _today, days = dashboard.week_sessions(user, now=now)
    assert sum(day.sessions for day in days) == 1
    add(mine, 19)
    with CaptureQueriesContext(connection) as twenty:
        _today, days = dashboard.week_sessions(user, now=now)
    assert sum(day.sessions for day in days) == 20
    assert len(one) == len(twenty)


def test_the_next_seven_days_are_counted_per_day_with_a_link_to_that_days_sessions(admin_client):
    now = clock.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(10), timezone.get_current_timezone())
    offering = OfferingFactory(title="Kelompok besok", places_per_session=4)
    for hours in (0, 2):
        session = SessionFactory(
            offering=offering,
            start=start + datetime.timedelta(hours=hours),
            original_start=start + datetime.timedelta(hours=hours),
            places=4,
        )
        BookingFactory(session=session)
    WaitingListEntryFactory(session=session)
    later = SessionFactory(
        offering=offering,
        start=start + datetime.timedelta(days=3),
        original_start=start + datetime.timedelta(days=3),
    )
    page = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    week = page.select_one("[aria-labelledby=staff-week-heading]")
    rows = week.select("tbody tr")
    assert len(rows) == 7
    first = [td.get_text(strip=True) for td in rows[0].select("td")]
    assert first[0].endswith(f" {tomorrow.day} " + formats.date_format(tomorrow, "F"))
    assert first[1:] == ["2", "2 / 8", "1"]
    listing = BeautifulSoup(admin_client.get(rows[0].select_one("a")["href"]).content, "html.parser")
    shown = listing.select("tbody tr")
    assert len(shown) == 2 and all("Kelompok besok" in row.get_text() for row in shown)
    assert str(later.pk) not in " ".join(a["href"] for a in listing.select("tbody a"))


def test_the_attendance_reminder_opens_just_the_sessions_waiting_for_it(admin_client):
    now = clock.now()
    offering = OfferingFactory(slug="kelompok-catat", title="Kelompok catat")

    def session_at(hours_ago, status=None):
        start = now - datetime.timedelta(hours=hours_ago)
        session = SessionFactory(offering=offering, start=start, original_start=start)
        BookingFactory(session=session, **({"status": status} if status else {}))
        return session

    waiting = session_at(26)
    recorded = session_at(50, status=BookingStatus.ATTENDED)
    long_ago = session_at(24 * 20)
    coming = session_at(-30)
    home = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    link = next(
        a for a in home.select("[aria-labelledby=staff-attention-heading] a") if "kehadiran" in a.get_text()
    )
    listing = BeautifulSoup(admin_client.get(link["href"]).content, "html.parser")
    shown = {a["href"] for a in listing.select("tbody a[href*='/attendees/']")}
    assert shown == {f"/admin/booking/sessions/{waiting.pk}/attendees/"}
    assert not {recorded.pk, long_ago.pk, coming.pk} & {int(href.split("/")[4]) for href in shown}


def test_a_counselor_home_counts_failed_emails_of_their_own_buddy_programs_only(django_user_model):
    from buddies.models import BuddyEmail, BuddyEmailKind
    from core.models import OutboxStatus

    client = coordinator_client(django_user_model, group=COUNSELOR)
    user = django_user_model.objects.get(username=f"user-{COUNSELOR}")
    mine = BuddyProgramFactory(counselor=CounselorFactory(user=user))
    theirs = BuddyProgramFactory(counselor=CounselorFactory())
    BuddyEmail.objects.create(
        signup=BuddySignupFactory(program=theirs), kind=BuddyEmailKind.SIGNED_UP, status=OutboxStatus.FAILED
    )
    attention = BeautifulSoup(client.get("/admin/").content, "html.parser").select_one(
        "[aria-labelledby=staff-attention-heading]"
    )
    assert attention is None or "gagal terkirim" not in attention.get_text()
    BuddyEmail.objects.create(
        signup=BuddySignupFactory(program=mine), kind=BuddyEmailKind.SIGNED_UP, status=OutboxStatus.FAILED
    )
    attention = BeautifulSoup(client.get("/admin/").content, "html.parser").select_one(
        "[aria-labelledby=staff-attention-heading]"
    )
    assert "1 email gagal terkirim" in attention.get_text()


@pytest.mark.parametrize(
    ("largest", "axis"), [(30, ["0", "10", "20", "30", "40"]), (9, ["0", "5", "10", "15", "20"])]
)
def test_chart_axes_count_in_whole_round_numbers(largest, axis):
    from django.utils import translation

    from staff.charts import bar_chart
    from staff.figures import Figure

    figure = Figure(key="k", title="t", categories=["a", "b"], series={"Dipesan": [largest, 3]})
    with translation.override("id"):
        labels = [
            text.get_text() for text in BeautifulSoup(str(bar_chart(figure)), "html.parser").select("text")
        ]
    assert labels[:5] == axis


def test_the_indonesian_admin_offers_its_exports_in_indonesian(admin_client, admin_user):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "id-id"})
    page = admin_client.get("/admin/booking/bookings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unduh XLSX" in page and "Unduh CSV" in page and "Download XLSX" not in page
