"""Staff journeys in the Wagtail admin, in a real browser: an editor publishes, a coordinator schedules by keyboard."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page

from booking.models import Schedule, Session
from core.models import SpreadsheetFile, SpreadsheetStatus
from programs.models import ProgramPage
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory
from tests.browser.conftest import load_starter_content
from tests.roles import roles_as_migrated

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_TOOLS = [("wagtailadmin", "access_admin")]

# True once an element is in view and has kept its place for ten frames: a smooth scroll to it
# has ended. (Checked sooner, a scroll that has not yet begun looks like one that has ended.)
STOPPED_SCROLLING = """(selector) => new Promise((settled) => {
    const element = document.querySelector(selector);
    const tops = [];
    const sample = () => {
        tops.push(element.getBoundingClientRect().top);
        if (tops.length < 10) return requestAnimationFrame(sample);
        settled(tops.every((top) => top === tops[0]) && tops[0] >= 0 && tops[0] < innerHeight);
    };
    sample();
})"""


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def staff_member(django_user_model, username, group_name):
    # A transactional test starts from an emptied database: make the groups as the migration does.
    roles_as_migrated()
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.mark.empty_site
def test_an_editor_edits_and_publishes_a_program_page(page, live_server, django_user_model):
    load_starter_content()
    program = ProgramPage.objects.get(slug="bimbingan-konseling", locale__language_code="id")
    editor = staff_member(django_user_model, "editor", "Editors")
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=Page.objects.get(depth=2, locale__language_code="id"),
            permission=Permission.objects.get(codename=permission, content_type__app_label="wagtailcore"),
        )
    sign_in(page, live_server, editor)
    page.goto(f"/admin/pages/{program.pk}/edit/")
    summary = page.locator("#id_summary")
    summary.fill("Ngobrol dengan konselor sekolah, rahasia dan tanpa biaya.")
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")
    program.refresh_from_db()
    assert program.live and program.summary == "Ngobrol dengan konselor sekolah, rahasia dan tanpa biaya."
    page.goto("/id/layanan/")
    expect(page.locator("main")).to_contain_text("Ngobrol dengan konselor sekolah, rahasia dan tanpa biaya.")


def _press_until(page, wanted, *, most=250):
    """Tab forward until the focused element matches ``wanted`` (a CSS selector)."""
    for _step in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", wanted):
            return
    raise AssertionError(f"never reached {wanted} by Tab")


def test_a_coordinator_creates_a_weekly_schedule_by_keyboard_only(page, axe, live_server, django_user_model):
    offering = OfferingFactory(
        slug="kelompok-jurnal", title="Kelompok jurnal", duration_minutes=60, places_per_session=8
    )
    coordinator = staff_member(django_user_model, "koordinator", "Coordinator")
    sign_in(page, live_server, coordinator)
    today = clock.today()
    page.goto("/admin/booking/schedules/new/")
    axe(page)

    _press_until(page, "select[name=offering]")
    page.keyboard.type("Kelompok jurnal")
    _press_until(page, "input[name=start_time]")
    page.keyboard.type("15:30")
    page.keyboard.press("Escape")
    _press_until(page, "input[name=valid_from]")
    page.keyboard.type(today.isoformat())
    page.keyboard.press("Escape")
    _press_until(page, "select[name=frequency]")  # "every week" is already chosen
    _press_until(page, "input[name=weekdays][value='1']")  # Tuesday
    page.keyboard.press("Space")
    _press_until(page, "input[name=weekdays][value='3']")  # Thursday
    page.keyboard.press("Space")
    _press_until(page, "button[name=preview]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    # The page has settled once the browser has moved focus, and smoothly scrolled, to the dates:
    # axe run while that scroll is under way catches a checkbox half under Wagtail's sticky footer.
    expect(page.locator("#schedule-preview")).to_be_focused()
    page.wait_for_function(STOPPED_SCROLLING, arg="#schedule-preview")

    dates = page.locator(".schedule-preview__dates li")
    expect(dates).to_have_count(10)
    shown = dates.all_inner_texts()
    assert all("15.30–16.30 WIB" in date or "15:30–16:30 WIB" in date for date in shown), shown
    assert all(date.split(",")[0] in ("Tuesday", "Thursday") for date in shown), shown
    assert not Schedule.objects.exists()  # the preview saved nothing
    axe(page)

    _press_until(page, "button[type=submit]:not([name=preview])")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/booking/schedules/")
    schedule = Schedule.objects.get(offering=offering)
    starts = [timezone.localtime(s.start) for s in Session.objects.filter(schedule=schedule)]
    assert starts and {start.weekday() for start in starts} == {1, 3}

    # The page starts on the first session outside the offering's minimum notice, which is
    # not the first one generated when that is today or tomorrow.
    earliest = clock.now() + datetime.timedelta(hours=offering.minimum_notice_hours)
    first = min(start for start in starts if start >= earliest)
    page.goto(f"/id/booking/{offering.slug}/")
    expect(page.locator("#times")).to_contain_text("15.30–16.30 WIB")
    expect(page.locator(".day-list a").first).to_contain_text(
        {1: "Sel", 3: "Kam"}[first.weekday()] + f" {first.day} "
    )


def test_the_schedule_editor_has_no_accessibility_violations(page, axe, live_server, django_user_model):
    admin = django_user_model.objects.create_superuser(username="admin", email="a@contoh.id", password="pw")
    sign_in(page, live_server, admin)
    offering = OfferingFactory(slug="kelompok-seni", title="Kelompok seni")
    import recurrence

    schedule = Schedule.objects.create(
        offering=offering,
        recurrences=recurrence.deserialize("RRULE:FREQ=WEEKLY;BYDAY=MO,WE\nEXDATE:20261230T000000Z"),
        start_time=datetime.time(14),
        valid_from=clock.today(),
    )
    page.goto(f"/admin/booking/schedules/edit/{schedule.pk}/")
    expect(page.locator(".schedule-preview__dates li")).to_have_count(10)
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Show the next ten dates").click()
    # The page opens at the dates, focused (so a screen reader reads them), and nothing was
    # changed, so there is no "unsaved edits" warning.
    preview = page.locator("#schedule-preview")
    expect(preview).to_be_focused()
    expect(preview.locator(".schedule-preview__dates li").first).to_be_in_viewport()
    expect(page.get_by_text("unsaved edits")).to_be_hidden()
    axe(page)


def test_a_counselor_subscribes_to_their_calendar_feed(visit, check, live_server, django_user_model):
    from icalendar import Calendar

    from booking.models import Booking

    load_starter_content()
    counselor_user = staff_member(django_user_model, "konselor", "Counselor")
    counselor = CounselorFactory(name="Bu Ratna", user=counselor_user)
    start = (clock.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    session = SessionFactory(
        offering=OfferingFactory(title="Konseling individu"), counselor=counselor, start=start
    )
    Booking.objects.create(
        session=session,
        name="Rahasia Murid",
        email="murid@contoh.id",
        age_group="18_plus",
        language="id",
        privacy_notice_version="2026-11",
        consented_at=clock.now(),
    )
    sign_in(visit, live_server, counselor_user)
    visit.goto("/admin/")
    visit.goto("/admin/booking/my-calendar/")
    check(visit)
    address = visit.get_by_label("Your calendar address (keep it to yourself)").input_value()
    assert (
        visit.get_by_role("link", name="Open in my calendar app")
        .get_attribute("href")
        .startswith("webcal://")
    )
    visit.context.clear_cookies()  # a calendar app fetches it without signing in
    feed = visit.request.get(address)
    assert feed.status == 200
    (event,) = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert event.decoded("dtstart") == session.start and str(event["summary"]) == "Konseling individu"
    assert "Rahasia" not in feed.text()


def test_a_counselor_adds_a_walk_in_and_a_phoned_in_student(visit, check, live_server, django_user_model):
    from django.core import mail

    from booking.models import Booking

    load_starter_content()
    counselor_user = staff_member(django_user_model, "konselor", "Counselor")
    counselor = CounselorFactory(name="Bu Ratna", user=counselor_user)
    start = (clock.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    session = SessionFactory(
        offering=OfferingFactory(title="Kelompok belajar tenang", kind="group", places_per_session=4),
        counselor=counselor,
        start=start,
    )
    sign_in(visit, live_server, counselor_user)
    visit.goto(f"/admin/booking/sessions/{session.pk}/attendees/")
    with visit.expect_navigation():
        visit.get_by_role("link", name="Add a person").click()
    check(visit)
    visit.locator("#id_name").fill("Dimas")
    visit.get_by_label("18 or older").check()
    visit.get_by_role("button", name="Add to the session").click()
    # The confirmation is ticked by default: without an email, the form says what to do.
    expect(visit.get_by_text("Enter their email, or untick")).to_be_visible()
    check(visit)
    visit.get_by_label("Email them the confirmation").uncheck()
    visit.get_by_role("button", name="Add to the session").click()
    expect(visit.get_by_text("Dimas is added; nobody was emailed.")).to_be_visible()
    assert mail.outbox == []

    visit.get_by_role("link", name="Add a person").click()
    visit.locator("#id_name").fill("Maya")
    visit.get_by_label("Email", exact=True).fill("maya@contoh.id")
    visit.get_by_label("18 or older").check()
    visit.get_by_role("button", name="Add to the session").click()
    expect(visit.get_by_text("Maya is added and emailed.")).to_be_visible()
    assert [message.to for message in mail.outbox] == [["maya@contoh.id"]]
    assert set(Booking.objects.values_list("name", "email")) == {("Dimas", ""), ("Maya", "maya@contoh.id")}
    expect(visit.locator("table.listing")).to_contain_text("no email")


def test_a_counselor_puts_a_student_on_a_full_sessions_waiting_list(
    visit, check, live_server, django_user_model
):
    from django.core import mail

    from booking.models import WaitingListEntry

    load_starter_content()
    counselor_user = staff_member(django_user_model, "konselor", "Counselor")
    session = SessionFactory(
        offering=OfferingFactory(
            title="Kelompok penuh", kind="group", places_per_session=1, waiting_list="in_turn"
        ),
        counselor=CounselorFactory(name="Bu Ratna", user=counselor_user),
        start=(clock.now() + datetime.timedelta(days=2)).replace(microsecond=0),
    )
    BookingFactory(session=session, name="Ayu")
    sign_in(visit, live_server, counselor_user)
    visit.goto(f"/admin/booking/sessions/{session.pk}/attendees/")
    with visit.expect_navigation():
        visit.get_by_role("link", name="Add a person").click()
    expect(visit.get_by_text("The session is full.")).to_be_visible()
    check(visit)
    visit.locator("#id_name").fill("Rani")
    visit.get_by_label("18 or older").check()
    with visit.expect_navigation():
        visit.get_by_role("button", name="Put them on the waiting list").click()
    # An offer of a place goes by email: without one, the form says so beside the field.
    expect(visit.locator("[data-field-wrapper]", has=visit.locator("#id_email"))).to_contain_text(
        "A place on the waiting list is offered by email: enter their email."
    )
    check(visit)
    assert not WaitingListEntry.objects.exists()
    expect(visit.get_by_label("Email them the confirmation")).to_have_count(
        0
    )  # the waiting list always emails
    visit.locator("#id_email").fill("rani@contoh.id")
    with visit.expect_navigation():
        visit.get_by_role("button", name="Put them on the waiting list").click()
    expect(visit.get_by_text("Rani is on the waiting list and emailed.")).to_be_visible()
    entry = WaitingListEntry.objects.get()
    assert (entry.name, entry.position) == ("Rani", 1)
    assert [message.to for message in mail.outbox] == [["rani@contoh.id"]]


def test_a_counselor_sets_up_two_factor_sign_in_and_signs_in_with_a_backup_code(
    visit, check, live_server, django_user_model, settings
):
    import base64

    from django_otp.oath import TOTP

    settings.RANGKUL_TWO_FACTOR_REQUIRED = True
    load_starter_content()
    counselor = staff_member(django_user_model, "konselor", "Counselor")

    def sign_in_with_password():
        visit.goto("/admin/login/")
        visit.get_by_label("Username").fill("konselor")
        visit.get_by_label("Password").fill("pw")
        visit.get_by_role("button", name="Sign in").click()

    sign_in_with_password()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    check(visit)
    assert visit.locator("figure svg").count() == 1  # drawn on the server, no image from elsewhere
    key = base64.b32decode(visit.locator("#two-factor-key").inner_text().replace(" ", ""))
    visit.get_by_label("Code").fill(f"{TOTP(key).token():06d}")
    visit.get_by_role("button", name="Confirm and continue").click()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    check(visit)
    codes = visit.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    visit.get_by_role("link", name="I have saved them — continue").click()
    expect(
        visit.get_by_role("heading", name="Needs attention").or_(visit.locator("main h1")).first
    ).to_be_visible()
    assert visit.url.endswith("/admin/")

    visit.context.clear_cookies()
    sign_in_with_password()
    expect(visit.get_by_role("heading", level=1)).to_have_text("Enter your code")
    check(visit)
    visit.get_by_label("Code").fill(codes[0])
    visit.get_by_role("button", name="Sign in").click()
    visit.wait_for_url("**/admin/")
    assert counselor.staticdevice_set.get().token_set.count() == 9


def test_a_coordinator_waits_for_a_large_spreadsheet_and_downloads_it(
    visit, check, live_server, django_user_model, settings
):
    import io

    import openpyxl

    from core.spreadsheets import spreadsheet_build

    # A database queue that no worker takes from: the file waits until the test builds it.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["email", "periodic", "exports"],
        },
    }
    settings.RANGKUL_XLSX_IN_REQUEST_MOST_ROWS = 1
    coordinator = staff_member(django_user_model, "koordinator", "Coordinator")
    session = SessionFactory(offering=OfferingFactory(title="Konseling individu", places_per_session=4))
    BookingFactory(session=session, name="Murid Satu")
    BookingFactory(session=session, name="Murid Dua")
    sign_in(visit, live_server, coordinator)
    visit.goto("/admin/booking/bookings/")
    if visit.runs_javascript:
        # On a phone Wagtail folds the listing's header buttons into its "Actions" menu.
        visit.get_by_role("button", name="Actions").click()
        visit.get_by_role("link", name="Download XLSX").click()
    else:
        # Wagtail keeps the export links in a menu that needs JavaScript; without it, the address is the same.
        visit.goto(visit.locator("a", has_text="Download XLSX").first.get_attribute("href"))
    status = visit.locator("#spreadsheet-status[role=status]")
    expect(status).to_have_text("Waiting for its turn")
    expect(visit.get_by_role("progressbar", name="Rows written")).to_be_visible()
    check(visit)

    (spreadsheet,) = SpreadsheetFile.objects.all()
    assert spreadsheet_build(spreadsheet.pk) == SpreadsheetStatus.READY
    if not visit.runs_javascript:
        visit.get_by_role("button", name="Check again").click()
    # With JavaScript the page finds out itself, and the status it announces changes in place.
    expect(status).to_have_text("Ready to download", timeout=10_000)
    check(visit)
    with visit.expect_download() as download:
        visit.get_by_role("link", name=f"Download {spreadsheet.filename}").click()
    with open(download.value.path(), "rb") as file:
        rows = list(openpyxl.load_workbook(io.BytesIO(file.read())).active.values)
    assert sorted(row[0] for row in rows[1:]) == ["Murid Dua", "Murid Satu"]
