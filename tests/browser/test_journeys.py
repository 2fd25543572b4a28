"""Journeys a student takes, on a phone (375 px) and a laptop (1280 px), checked by axe at every step."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from booking.models import Booking, BookingStatus, WaitingListEntry
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory

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
    start = (timezone.now() + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
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
    page.get_by_role("button", name="Pesan waktu ini").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith("/booking/confirmed/"), page.locator("main").inner_text()
    assert "Cek emailmu" in page.locator("h1").inner_text()
    axe(page)

    page.goto(manage_link())
    axe(page)
    page.get_by_label("Pindah ke").select_option(str(counseling[0].pk))
    page.get_by_role("button", name="Pindahkan pemesanan saya").click()
    page.wait_for_load_state()
    booking = Booking.objects.get()
    assert booking.session_id == counseling[0].pk
    page.get_by_label("Ya, batalkan janji temu ini").check()
    page.get_by_role("button", name="Batalkan janji temu").click()
    page.wait_for_load_state()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    axe(page)


def test_join_the_waiting_list_of_a_full_group(page, axe):
    offering = OfferingFactory(slug="kelompok-penuh", title="Kelompok penuh", places_per_session=1)
    start = timezone.now() + datetime.timedelta(days=3)
    session = SessionFactory(offering=offering, start=start, original_start=start)
    BookingFactory(session=session)
    page.goto("/id/booking/kelompok-penuh/")
    option = page.locator(f"input[name=session][value='{session.pk}']")
    assert (
        "Penuh — masuk daftar tunggu"
        in page.locator(f"label[for='{option.get_attribute('id')}']").inner_text()
    )
    option.check()
    page.get_by_label("Namamu").fill("Sari")
    page.get_by_label("Alamat email").fill("sari@contoh.id")
    page.get_by_label("18 tahun atau lebih").check()
    page.get_by_label("Saya sudah membaca pemberitahuan privasi", exact=False).check()
    page.get_by_role("button", name="Pesan, atau masuk daftar tunggu").click()
    page.wait_for_url("**/booking/waiting/confirmed/")
    assert WaitingListEntry.objects.get().email == "sari@contoh.id"
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
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_accessibility_violations(page, axe, path, counseling):
    response = page.goto(path)
    assert response.status == 200
    axe(page)


@pytest.mark.empty_site
def test_the_starter_contents_pages_have_no_accessibility_violations(page, axe):
    """The real starter pages (comparison table, FAQs, crisis help), as a family first sees them."""
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:  # a transactional test starts from an emptied database
        Page.add_root(
            instance=Page(
                title="Root", slug="root", locale=Locale.objects.get_or_create(language_code="id")[0]
            )
        )
    call_command("load_initial_data", verbosity=0)
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
    page.goto("/id/booking/konseling-individu/")
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
