"""The front end at its edges: 320 px with spaced-out text, the exit button's every part, the
shortest phone booking, errors a student can fix, and an admin that calls no other host."""

import contextlib
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Page

from booking.models import Offering
from buddies.models import BuddyProgram
from tests.browser.conftest import VIEWPORTS, load_starter_content
from tests.browser.test_staff_journeys import sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.empty_site]

# WCAG 1.4.12's text spacing, set through the CSS object model: the site's CSP refuses inline
# <style> and style attributes, not styles a script sets, so this is what a reader's own
# bookmarklet or extension does.
TEXT_SPACING = """() => {
    for (const element of document.querySelectorAll("*")) {
        element.style.setProperty("line-height", "1.5", "important");
        element.style.setProperty("letter-spacing", "0.12em", "important");
        element.style.setProperty("word-spacing", "0.16em", "important");
    }
    for (const paragraph of document.querySelectorAll("p")) {
        paragraph.style.setProperty("margin-bottom", "2em", "important");
    }
}"""

# What sticks out past the right edge, outside anything that scrolls on its own (a wide table may).
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (!box.width || box.right <= width + 0.5) continue;
        let scrollsOnItsOwn = false;
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== "visible") { scrollsOnItsOwn = true; break; }
        }
        if (!scrollsOnItsOwn) out.push(`${element.tagName}.${element.className} by ${Math.round(box.right - width)} px`);
    }
    return {scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 5)};
}"""


def _fits(page, where):
    for spacing in (False, True):
        if spacing:
            page.evaluate(TEXT_SPACING)
        found = page.evaluate(OVERFLOW)
        assert found["scroll"] <= 0 and not found["out"], (where, "text spacing" if spacing else "", found)


def _open_booking_form(page, language):
    """One-to-one counseling's form at its first free time."""
    offering = Offering.objects.get(kind="individual")
    page.goto(f"/{language}/booking/{offering.slug}/")
    with page.expect_navigation():
        page.locator("#times button[type=submit]").click()


def _public_addresses(language):
    with translation.override(language):
        addresses = [
            page.url for page in Page.objects.live().filter(depth__gt=1, locale__language_code=language)
        ]
        for offering in Offering.objects.all():
            addresses.append(reverse("booking:offering", args=[offering.slug]))
            session = offering.sessions.order_by("start").first()
            if session:
                addresses.append(reverse("booking:offering", args=[offering.slug]) + f"?session={session.pk}")
        for program in BuddyProgram.objects.all():
            addresses.append(reverse("buddies:program", args=[program.slug]))
            addresses += [
                reverse("buddies:signup", args=[program.slug, side]) for side in ("mentee", "buddy")
            ]
        addresses += [
            reverse("search") + "?q=konseling",
            reverse("support:which"),
            reverse("support:ask"),
            reverse("support:report"),
            f"/{language}/no-such-page/",
        ]
    return addresses


def test_every_public_page_type_reflows_at_320_px_with_text_spaced_out(browser, live_server):
    load_starter_content(demo=True, weeks_of_sessions=2)
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)
    page = context.new_page()
    for language in ("id", "en"):
        for address in _public_addresses(language):
            page.goto(address)
            _fits(page, address)
        # The pages a booking leads to: the form with its errors, the confirmation, the manage page.
        _open_booking_form(page, language)
        with page.expect_navigation():
            page.locator("#details button[type=submit]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        _fits(page, "booking errors")
        page.locator("input[name=name]").fill("Ayu")
        page.locator("input[name=email]").fill(f"ayu.{language}@contoh.id")
        page.locator("input[name=age_group][value='18_plus']").check()
        page.locator("input[name=privacy_consent]").check()
        with page.expect_navigation():
            page.locator("#details button[type=submit]").click()
        assert "/booking/confirmed/" in page.url, page.locator("main").inner_text()
        _fits(page, "confirmation")
        (link,) = re.findall(r"https?://\S+/booking/manage/\S+/", mail.outbox[-1].body)
        page.goto("/" + link.split("/", 3)[3])
        _fits(page, "manage")
    context.close()


def _rangkul_admin_screens():
    """The index and first edit screen of every viewset Rangkul adds, and its own screens."""
    from wagtail.admin.viewsets import viewsets

    reverse("wagtailadmin_home")  # loading the admin's URLs registers the viewsets
    ours = ("booking", "buddies", "support", "staff", "privacy", "core", "home", "programs")
    screens = []
    for viewset in viewsets.viewsets:
        if not type(viewset).__module__.startswith(ours) or not hasattr(viewset, "get_url_name"):
            continue
        try:
            screens.append(reverse(viewset.get_url_name("index")))
        except NoReverseMatch:
            continue
        first = getattr(viewset, "model", None) and viewset.model._default_manager.order_by("pk").first()
        if first is not None:
            with contextlib.suppress(NoReverseMatch):
                screens.append(reverse(viewset.get_url_name("edit"), args=[first.pk]))
    return screens


def test_the_admin_sends_nothing_to_another_host(browser, live_server, django_user_model):
    load_starter_content(demo=True, weeks_of_sessions=1)
    admin = django_user_model.objects.create_superuser(
        username="koordinator", email="k@contoh.id", password="pw"
    )
    page = browser.new_context(viewport=VIEWPORTS["desktop"], base_url=live_server.url).new_page()
    sign_in(page, live_server, admin)
    ours = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: elsewhere.append(request.url) if urlsplit(request.url).netloc != ours else None,
    )
    program = Page.objects.get(slug="bimbingan-konseling")
    screens = [
        "/admin/",
        f"/admin/pages/{program.pk}/edit/",
        f"/admin/pages/{program.get_parent().pk}/",
        f"/admin/pages/add/home/standardpage/{program.get_parent().get_parent().pk}/",
        "/admin/account/",
        "/admin/reports/service/",
        "/admin/booking/my-calendar/",
        "/admin/booking/missed-sessions/",
        "/admin/booking/feedback/",
        "/admin/emails/",
        "/admin/privacy/requests/",
        "/admin/requests/",
        *_rangkul_admin_screens(),
    ]
    assert len(screens) > 25
    for address in screens:
        response = page.goto(address)
        assert response.status == 200, address
        page.wait_for_load_state("networkidle")
    page.context.close()
    assert elsewhere == []


# The exit button, on the starter content's "staying safe online" page (the button is on there).
SAFETY_PAGE = "/id/aman-di-internet/"
NEUTRAL_SITE = "<title>Cuaca</title>Cuaca hari ini"


def _exit_page(browser, live_server):
    from core.models import SiteSettings

    page = browser.new_context(viewport=VIEWPORTS["desktop"], base_url=live_server.url).new_page()
    exit_url = SiteSettings.objects.get().exit_url
    page.route(exit_url.rstrip("/") + "**", lambda route: route.fulfill(body=NEUTRAL_SITE))
    page.clock.install()
    page.goto(SAFETY_PAGE)
    page.locator("main p").first.click()
    return page, exit_url


def _lit(page):
    return page.locator(".exit-this-page__indicator span.is-on").count()


def test_each_shift_press_lights_a_dot_is_said_and_the_count_runs_out(browser, live_server):
    load_starter_content()
    page, _exit_url = _exit_page(browser, live_server)
    status = page.locator("[role=status][data-exit-this-page-status]")
    indicator = page.locator(".exit-this-page__indicator")
    expect(indicator).to_be_hidden()
    page.keyboard.press("Shift")
    expect(indicator).to_be_visible()
    assert _lit(page) == 1
    expect(status).to_have_text("Shift, tekan 2 kali lagi untuk keluar.")
    page.keyboard.press("Shift")
    assert _lit(page) == 2
    expect(status).to_have_text("Shift, tekan 1 kali lagi untuk keluar.")
    page.clock.fast_forward(5001)
    expect(indicator).to_be_hidden()
    expect(status).to_have_text("Waktu untuk keluar dengan Shift sudah habis.")
    assert page.url.endswith(SAFETY_PAGE)  # two presses, then five seconds: still here


def test_a_shift_held_for_a_capital_letter_does_not_count(browser, live_server):
    load_starter_content()
    page, exit_url = _exit_page(browser, live_server)
    search = page.get_by_label("Cari di situs ini")
    search.focus()
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert _lit(page) == 2 and page.url.endswith(SAFETY_PAGE)
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url.rstrip("/") + "**")


def test_leaving_covers_the_page_with_words_and_hides_it_from_screen_readers(browser, live_server):
    load_starter_content()
    page, exit_url = _exit_page(browser, live_server)
    # The neutral site answers "204 No Content": the browser stays on the page as it was left.
    page.unroute(exit_url.rstrip("/") + "**")
    page.route(exit_url.rstrip("/") + "**", lambda route: route.fulfill(status=204))
    with page.expect_request(exit_url.rstrip("/") + "**"):
        page.locator("[data-exit-this-page]").click()
    overlay = page.locator("[data-exit-this-page-overlay]")
    expect(overlay).to_be_visible()
    expect(overlay).to_have_text("Meninggalkan halaman ini…")
    assert overlay.bounding_box()["height"] == VIEWPORTS["desktop"]["height"]
    expect(page.locator("[data-exit-this-page-status]")).to_have_text("Meninggalkan halaman ini.")
    for part in ("main", "header.site-header", ".exit-this-page", "footer"):
        hidden = "(element) => element.closest('[inert]') !== null && element.closest('[aria-hidden=true]') !== null"
        assert page.locator(part).evaluate(hidden), part
    expect(page.get_by_role("main")).to_have_count(0)  # gone from the accessibility tree


def _scroll_into_view(page, locator):
    """How far the screen moves to show this element, from where it is now: no further than a thumb would."""
    before = page.evaluate("window.scrollY")
    locator.evaluate("(element) => element.scrollIntoView({block: 'nearest'})")
    return abs(page.evaluate("window.scrollY") - before)


def test_a_phone_booking_from_home_takes_under_3000_px_of_scrolling(browser, live_server):
    """Every pixel the screen moves counts, jumps to an anchor included, from the home page to 'booked'."""
    load_starter_content(demo=True, weeks_of_sessions=2)
    page = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server.url).new_page()
    moved = 0
    taps = 0

    def tap(locator, *, opens_a_page=True):
        nonlocal moved, taps
        moved += _scroll_into_view(page, locator)
        locator.click()
        taps += 1
        if opens_a_page:
            page.wait_for_load_state()
            moved += page.evaluate("window.scrollY")  # a page that opens part of the way down

    def fill(locator, text):
        nonlocal moved
        moved += _scroll_into_view(page, locator)
        locator.fill(text)

    page.goto("/id/")
    tap(page.locator("main a[href$='/layanan/bimbingan-konseling/']").first)
    first_time = page.locator("#booking a[href*='?session=']").first
    # The first free times are on the first two screens of the program page.
    assert first_time.bounding_box()["y"] < 2 * VIEWPORTS["phone"]["height"]
    tap(first_time)
    fill(page.get_by_label("Namamu"), "Ayu")
    fill(page.get_by_label("Alamat email"), "ayu@contoh.id")
    tap(page.get_by_label("18 tahun atau lebih"), opens_a_page=False)
    tap(page.get_by_label("Saya sudah membaca pemberitahuan privasi", exact=False), opens_a_page=False)
    tap(page.get_by_role("button", name="Pesan waktu ini"))
    expect(page.locator("h1")).to_contain_text("Cek emailmu")
    assert taps <= 6
    assert moved < 3000, moved
    page.context.close()


def test_an_error_link_brings_its_question_into_view_with_its_field(browser, live_server):
    load_starter_content(demo=True, weeks_of_sessions=2)
    page = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server.url).new_page()
    _open_booking_form(page, "id")
    with page.expect_navigation():
        page.get_by_role("button", name="Pesan waktu ini").click()
    assert page.title().startswith("Kesalahan:")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()

    for link_text, question, field in [
        ("Isi alamat emailmu.", page.locator("label[for=id_email]"), page.locator("#id_email")),
        (
            "Pilih kelompok usia.",
            page.locator("fieldset:has(#id_age_group_0) > legend"),
            page.locator("#id_age_group_0"),
        ),
    ]:
        page.evaluate("window.scrollTo(0, 0)")
        summary.get_by_role("link", name=link_text, exact=False).click()
        expect(field).to_be_focused()
        expect(question).to_be_in_viewport()
        top = question.bounding_box()["y"]
        assert top >= 0, (link_text, top)
    # The age group's error is read with its radios.
    described = page.locator("fieldset:has(#id_age_group_0)").get_attribute("aria-describedby")
    error_ids = described.split()
    assert any(page.locator(f"#{error_id}.field-error").count() == 1 for error_id in error_ids), described
