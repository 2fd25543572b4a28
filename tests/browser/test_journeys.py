"""Journeys a student takes, on a phone (375 px) and a laptop (1280 px), checked by axe at every step."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from booking.models import Booking, BookingStatus, WaitingListEntry
from booking.services import bookings
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    SessionFactory,
    WaitingListEntryFactory,
)
from tests.browser.conftest import fill_buddy_signup, load_starter_content
from tests.roles import roles_as_migrated

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM_PAGE = "/id/layanan/bimbingan-konseling/"


@pytest.fixture
def counseling():
    """One-to-one counseling with three free slots over the coming days."""
    offering = OfferingFactory(
        slug="konseling-individu", title="Konseling individu", kind="individual", places_per_session=1
    )
    counselor = CounselorFactory(name="Bu Ratna")
    offering.counselors.add(counselor)
    start = (clock.now() + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    return [
        SessionFactory(
            offering=offering,
            counselor=counselor,
            start=start + datetime.timedelta(days=day),
            original_start=start + datetime.timedelta(days=day),
        )
        for day in range(3)
    ]


def manage_link():
    (link,) = re.findall(r"https?://\S+/booking/manage/\S+/", mail.outbox[-1].body)
    return "/" + link.split("/", 3)[3]


def test_book_a_counseling_slot_then_move_it_and_cancel_it(page, axe, counseling):
    page.goto(PROGRAM_PAGE)
    axe(page)
    later_time = page.locator("#booking a[href*='?session=']").nth(2)
    later_time.click()
    # One tap: the booking page opens at that time, already chosen, in view.
    chosen = page.locator(f"input[name=session][value='{counseling[2].pk}']")
    assert chosen.is_checked()
    expect(chosen).to_be_in_viewport()
    axe(page)
    page.get_by_label("Namamu").fill("Ayu")
    page.get_by_label("Alamat email").fill("ayu@contoh.id")
    page.get_by_label("18 tahun atau lebih").check()
    page.get_by_label("Saya sudah membaca pemberitahuan privasi", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Pesan waktu ini").click()
    assert page.url.split("#")[0].endswith("/booking/confirmed/"), page.locator("main").inner_text()
    assert "Cek emailmu" in page.locator("h1").inner_text()
    axe(page)

    page.goto(manage_link())
    axe(page)
    # Every time in the "move to" list can be read whole, on a phone too (no "…pukul 13.4").
    fits = page.get_by_label("Pindah ke").evaluate(
        """(select) => {
            const context = document.createElement("canvas").getContext("2d");
            const style = getComputedStyle(select);
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const widest = Math.max(...[...select.options].map((option) => context.measureText(option.text).width));
            return widest + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) <= select.clientWidth;
        }"""
    )
    assert fits
    page.get_by_label("Pindah ke").select_option(str(counseling[0].pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Pindahkan pemesanan saya").click()
    booking = Booking.objects.get()
    assert booking.session_id == counseling[0].pk
    page.get_by_label("Ya, batalkan janji temu ini").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Batalkan janji temu").click()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    axe(page)


def test_the_first_phone_screen_shows_the_service_its_next_times_and_the_button(page, axe, counseling):
    page.goto("/id/booking/konseling-individu/")
    expect(page.locator("h1")).to_have_text("Konseling individu")
    first_time = page.locator(f"input[name=session][value='{counseling[0].pk}']")
    assert first_time.is_checked()
    expect(first_time).to_be_in_viewport()
    expect(page.get_by_role("button", name="Lanjut dengan waktu ini")).to_be_in_viewport()
    axe(page)
    with page.expect_navigation():
        page.locator(".day-list a").nth(2).click()  # another day, without JavaScript: a link
    assert page.locator(f"input[name=session][value='{counseling[2].pk}']").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Lanjut dengan waktu ini").click()
    expect(page.get_by_label("Namamu")).to_be_visible()
    assert page.locator("input[name=session]").count() == 1
    axe(page)


def test_join_the_waiting_list_of_a_full_group(page, axe):
    offering = OfferingFactory(slug="kelompok-penuh", title="Kelompok penuh", places_per_session=1)
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    BookingFactory(session=session)
    page.goto("/id/booking/kelompok-penuh/")
    option = page.locator(f"input[name=session][value='{session.pk}']")
    assert (
        "Penuh — masuk daftar tunggu"
        in page.locator(f"label[for='{option.get_attribute('id')}']").inner_text()
    )
    option.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lanjut dengan waktu ini").click()
    page.get_by_label("Namamu").fill("Sari")
    page.get_by_label("Alamat email").fill("sari@contoh.id")
    page.get_by_label("18 tahun atau lebih").check()
    page.get_by_label("Saya sudah membaca pemberitahuan privasi", exact=False).check()
    page.get_by_role("button", name="Masuk daftar tunggu").click()
    page.wait_for_url("**/booking/waiting/confirmed/")
    assert WaitingListEntry.objects.get().email == "sari@contoh.id"
    axe(page)


def test_a_place_offered_from_the_waiting_list_is_booked_from_the_link(page, axe):
    offering = OfferingFactory(slug="kelompok-antre", title="Kelompok antre", places_per_session=1)
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    taken = BookingFactory(session=session)
    entry = WaitingListEntryFactory(session=session, email="sari@contoh.id")
    bookings.booking_cancel(booking_id=taken.pk, now=clock.now())
    page.goto(f"/id/booking/waiting/{entry.manage_token}/")
    expect(page.get_by_role("heading", name="Ada tempat untukmu")).to_be_visible()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Pesan tempat ini").click()
    expect(page.locator("body")).to_contain_text("Cek emailmu")
    assert Booking.objects.taking_a_place().filter(session=session, email="sari@contoh.id").exists()
    entry.refresh_from_db()
    assert entry.is_booked
    axe(page)


def test_a_place_held_until_confirmed_by_email_in_english(page, axe):
    offering = OfferingFactory(
        slug="check-in-group",
        title="Kelompok",
        title_en="Check-in group",
        places_per_session=4,
        confirm_within_minutes=30,
    )
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    page.goto(f"/en/booking/check-in-group/?session={session.pk}")
    axe(page)
    page.get_by_label("Your name").fill("Ayu")
    page.get_by_label("Email address").fill("ayu@contoh.id")
    page.get_by_label("18 or older").check()
    page.get_by_label("I have read the privacy notice", exact=False).check()
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url("**/booking/confirmed/")
    expect(page.locator("main")).to_contain_text("held for 30 minutes")
    axe(page)
    page.goto(manage_link())
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.PENDING
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm my booking").click()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    expect(page.locator("main")).to_contain_text("Your booking is confirmed")
    axe(page)


def test_too_many_tries_get_a_clear_page_in_the_persons_language(
    page, axe, counseling, settings, clock_stopped
):
    settings.RANGKUL_RATE_LIMITS = {**settings.RANGKUL_RATE_LIMITS, "booking": {"ip": ["1/m"]}}
    for number, session in enumerate(counseling[:2]):
        page.goto(f"/id/booking/konseling-individu/?session={session.pk}")
        page.get_by_label("Namamu").fill("Ayu")
        page.get_by_label("Alamat email").fill(f"ayu{number}@contoh.id")
        page.get_by_label("18 tahun atau lebih").check()
        page.get_by_label("Saya sudah membaca pemberitahuan privasi", exact=False).check()
        with page.expect_navigation() as answer:
            page.get_by_role("button", name="Pesan waktu ini").click()
    assert answer.value.status == 429
    expect(page.locator("h1")).to_have_text("Terlalu banyak percobaan dalam waktu singkat")
    axe(page)


PUBLIC_PAGES = [
    "/id/",
    "/en/",
    "/id/layanan/",
    "/en/services/",
    "/id/layanan/dukungan-teman-sebaya/",
    "/en/services/guidance-counseling/",
    "/id/privasi/",
    "/en/crisis/",
    "/id/search/?q=konseling",
    "/en/booking/konseling-individu/",
    "/id/help/which/",
    "/en/help/ask/",
    "/id/help/report/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_accessibility_violations(page, axe, path, counseling):
    response = page.goto(path)
    assert response.status == 200
    axe(page)


@pytest.mark.empty_site
def test_the_starter_contents_pages_have_no_accessibility_violations(page, axe):
    """The real starter pages (comparison table, FAQs, crisis help), as a family first sees them."""
    load_starter_content()
    for path in [
        "/id/",
        "/id/layanan/",
        "/en/services/",
        "/id/layanan/bimbingan-konseling/",
        "/en/crisis-help/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        axe(page)


def test_focus_is_never_hidden_under_the_exit_bar_when_tabbing_backwards(page, counseling):
    program_page = counseling[0].offering.program_page
    program_page.show_exit_button = True
    program_page.save_revision().publish()
    page.goto(f"/id/booking/konseling-individu/?session={counseling[0].pk}")
    page.locator("button[type=submit]").last.focus()
    bar = page.locator(".exit-this-page").bounding_box()
    hidden = []
    for _step in range(25):
        page.keyboard.press("Shift+Tab")
        box = page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return {top: r.top, bottom: r.bottom, id: document.activeElement.id || document.activeElement.tagName}; }"
        )
        if box["bottom"] > 0 and box["top"] < bar["y"] + bar["height"] and box["id"] not in ("", "A"):
            hidden.append(box["id"])
    assert hidden == []


def _neutral_site(page):
    """The exit button's neutral site, served locally (the browser is kept off the network)."""
    from core.models import SiteSettings

    exit_url = SiteSettings.objects.get().exit_url
    page.route(
        exit_url.rstrip("/") + "/**", lambda route: route.fulfill(body="<title>Cuaca</title>Cuaca hari ini")
    )
    page.route(exit_url, lambda route: route.fulfill(body="<title>Cuaca</title>Cuaca hari ini"))
    return exit_url


@pytest.mark.parametrize("how", ["click", "shift three times"])
def test_the_exit_button_leaves_at_once_and_back_does_not_return(page, counseling, how):
    program_page = counseling[0].offering.program_page
    program_page.show_exit_button = True
    program_page.save_revision().publish()
    page.goto("/id/")
    exit_url = _neutral_site(page)
    page.goto(PROGRAM_PAGE)
    if how == "click":
        page.locator("[data-exit-this-page]").click()
    else:
        page.locator("body").click(position={"x": 5, "y": 400})
        for _press in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(exit_url.rstrip("/") + "**")
    assert "Cuaca" in page.content()
    page.go_back()
    assert PROGRAM_PAGE not in page.url  # the page was replaced in the history, not added to it


def test_switching_language_mid_journey_keeps_the_place(page, counseling):
    page.goto(f"/id/booking/konseling-individu/?session={counseling[1].pk}")
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang=en]").click()
    assert "/en/booking/konseling-individu/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_label("Your name").is_visible()


def test_booking_with_the_keyboard_only(page, counseling):
    if page.viewport_name != "desktop":
        pytest.skip("keyboard journey on the laptop size")
    page.goto("/id/booking/konseling-individu/")
    typed = {"id_name": "Ayu", "id_email": "ayu@contoh.id"}
    for _step in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.id, document.activeElement.name, document.activeElement.type]"
        )
        element_id, name, kind = focused
        if element_id in typed:
            page.keyboard.type(typed.pop(element_id))
        elif name == "session" and not page.locator("input[name=session]:checked").count():
            page.keyboard.press("Space")
        elif name == "age_group":
            while page.evaluate("() => document.activeElement.value") != "18_plus":
                page.keyboard.press("ArrowDown")
        elif element_id == "id_privacy_consent":
            page.keyboard.press("Space")
        elif kind == "submit":
            method = page.evaluate("() => document.activeElement.closest('form.booking-form')?.method")
            if method == "get":  # "continue with this time": on to the details
                page.keyboard.press("Enter")
                page.wait_for_url(re.compile(r".*\?session=\d+#details"))
            elif method == "post":
                page.keyboard.press("Enter")
                break
    page.wait_for_url(re.compile(r".*/booking/confirmed/"))
    assert Booking.objects.get().name == "Ayu"


def test_a_counselor_marks_attendance(page, axe, live_server, django_user_model):

    from django.contrib.auth.models import Group
    from django.test import Client

    # A transactional test starts from an emptied database: make the groups as the migration does.
    roles_as_migrated()
    user = django_user_model.objects.create_user(username="konselor", password="pw")
    user.groups.add(Group.objects.get(name="Counselor"))
    counselor = CounselorFactory(name="Bu Ratna", user=user)
    earlier = clock.now() - datetime.timedelta(hours=2)
    session = SessionFactory(counselor=counselor, start=earlier, original_start=earlier)
    booking = BookingFactory(session=session, name="Murid datang")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"/admin/booking/sessions/{session.pk}/attendees/")
    assert "/attendees/" in page.url, page.url
    axe(page)
    row = page.locator("tr", has_text="Murid datang")
    with page.expect_navigation():  # the admin follows the browser's language, English here
        row.get_by_role("button", name="Attended").click()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED


def test_the_admin_screens_rangkul_adds_have_no_accessibility_violations(
    page, axe, live_server, django_user_model
):
    from django.test import Client

    from staff.models import Term

    admin = django_user_model.objects.create_superuser(
        username="koordinator", email="k@contoh.id", password="pw"
    )
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    soon = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=OfferingFactory(places_per_session=1), start=soon, original_start=soon)
    booking = BookingFactory(session=session)
    from support.models import HelpRequest
    from tests.booking.factories import WaitingListEntryFactory

    help_request = HelpRequest.objects.create(
        kind="request",
        for_whom="myself",
        name="Sekar",
        contact_way="at_school",
        school_class="8A",
        language="id",
    )

    first = WaitingListEntryFactory(session=session)
    WaitingListEntryFactory(session=session)
    today = clock.today()
    Term.objects.create(
        name="Semester uji",
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=10),
    )
    for path in [
        "/admin/",
        f"/admin/booking/sessions/{session.pk}/attendees/",
        f"/admin/booking/bookings/{booking.pk}/cancel/",
        f"/admin/booking/sessions/{session.pk}/cancel/",
        f"/admin/booking/waiting/{first.pk}/remove/",
        "/admin/booking/waiting/",
        "/admin/reports/service/",
        "/admin/privacy/requests/",
        "/admin/emails/",
        f"/admin/booking/sessions/edit/{session.pk}/",
        "/admin/booking/closures/national-holidays/",
        "/admin/requests/",
        f"/admin/requests/{help_request.pk}/",
    ]:
        page.goto(path)
        assert page.url.endswith(path), (path, page.url)
        axe(page)


@pytest.mark.parametrize(("side", "year", "school_class"), [("mentee", "7", "7A"), ("buddy", "8", "8B")])
def test_buddy_sign_up_on_either_side(page, axe, side, year, school_class):
    from buddies.models import BuddySignup
    from tests.buddies.factories import BuddyProgramFactory

    BuddyProgramFactory(slug="buddy-baru", buddies_need_training=False)
    page.goto("/id/layanan/dukungan-teman-sebaya/")
    page.locator(f"#buddy a[href='/id/buddy/buddy-baru/{side}/']").click()
    page.wait_for_url(f"**/id/buddy/buddy-baru/{side}/")  # axe on a page still navigating finds no document
    axe(page)
    fill_buddy_signup(page, side=side, first_name="Andi", school_class=school_class, year=year)
    page.locator("#id_privacy_consent").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/buddy/confirmed/"))
    axe(page)
    assert BuddySignup.objects.get().side == side


@pytest.mark.empty_site
def test_dark_mode_keeps_every_contrast_promise(browser, live_server, axe):
    """With the phone set to dark, the starter pages and the booking flow still meet WCAG 2.2 AA."""
    load_starter_content(demo=True, weeks_of_sessions=2)
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, base_url=live_server.url, color_scheme="dark"
    )
    page = context.new_page()
    for path in [
        "/id/",
        "/id/layanan/",
        "/id/layanan/bimbingan-konseling/",
        "/en/crisis-help/",
        "/id/booking/konseling-individu/",
    ]:
        page.goto(path)
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        axe(page)
    page.locator("form.booking-form button[type=submit]").click()  # the first time offered
    page.wait_for_url("**#details")
    axe(page)
    page.locator("form#details button[type=submit]").click()  # the details left empty: the error summary
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    context.close()


def test_booking_with_someone_elses_email_shows_nothing_of_their_booking(page, axe, counseling):
    # Budi has the first time; a stranger types Budi's address for another time.
    BookingFactory(session=counseling[0], name="Budi", email="budi@contoh.id")
    page.goto(f"/id/booking/{counseling[2].offering.slug}/?session={counseling[2].pk}#details")
    page.get_by_label("Namamu").fill("Eve")
    page.get_by_label("Alamat email").fill("budi@contoh.id")
    page.get_by_label("18 tahun atau lebih").check()
    page.get_by_label("Saya sudah membaca pemberitahuan privasi", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Pesan waktu ini").click()
    assert "Cek emailmu" in page.locator("h1").inner_text()
    shown = page.locator("main").inner_text()
    with translation.override("id"):
        budis_day, eves_day = (
            date_format(timezone.localtime(session.start), "l, j F Y")
            for session in (counseling[0], counseling[2])
        )
    assert eves_day in shown and "budi@contoh.id" in shown
    assert budis_day not in shown and "Budi" not in shown
    axe(page)
    assert Booking.objects.get().name == "Budi"
    assert mail.outbox[-1].to == ["budi@contoh.id"] and "sudah punya tempat" in mail.outbox[-1].body


def _signed_in_staff(page, live_server, django_user_model):
    from django.test import Client

    admin = django_user_model.objects.create_superuser(username="staf", email="staf@contoh.id", password="pw")
    client = Client()
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return admin


def test_staff_cancel_a_booking_after_seeing_who_is_emailed(
    page, axe, live_server, django_user_model, counseling
):
    booking = BookingFactory(session=counseling[0], name="Ayu", email="ayu@contoh.id")
    _signed_in_staff(page, live_server, django_user_model)
    page.goto(f"/admin/booking/sessions/{counseling[0].pk}/attendees/")
    with page.expect_navigation():
        page.locator("tr", has_text="Ayu").get_by_role("link", name="Cancel booking").click()
    expect(page.locator("main")).to_contain_text("ayu@contoh.id")  # who is emailed, before anything happens
    axe(page)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel and email them").click()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    (told,) = [message for message in mail.outbox if message.to == ["ayu@contoh.id"]]
    assert "staf kami membatalkan" in told.body and f"/id/booking/{counseling[0].offering.slug}/" in told.body


def test_staff_send_a_failed_email_again(page, axe, live_server, django_user_model, counseling):
    from booking.models import BookingEmail, BookingEmailKind
    from core.models import OutboxStatus

    booking = BookingFactory(session=counseling[0], name="Ayu", email="ayu@contoh.id")
    failed = BookingEmail.objects.create(
        booking=booking, kind=BookingEmailKind.CONFIRMATION, status=OutboxStatus.FAILED, attempts=5
    )
    _signed_in_staff(page, live_server, django_user_model)
    page.goto("/admin/emails/?status=failed")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send again").click()
    expect(page.locator(".messages")).to_contain_text("queued again")
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.SENT
    assert mail.outbox[-1].to == ["ayu@contoh.id"]
