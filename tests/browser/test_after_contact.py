"""After the first contact, as students and staff meet it: a pair that asks for help and ends well,
feedback the day after a session, and a kind word after missed sessions.

Phone with JavaScript and laptop without (the admin steps on the same device); axe wherever
JavaScript runs."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from booking.models import BookingStatus, SessionFeedback
from booking.services import bookings
from buddies import follow_up
from buddies.models import BuddyPair, BuddySignup, CheckInAnswer, EndReason, PairCheckIn, PairStatus, Side
from core.periodic import run_due
from staff.roles import COORDINATOR, COUNSELOR
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory
from tests.browser.conftest import fill_buddy_signup, load_starter_content
from tests.browser.test_staff_journeys import sign_in
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory
from tests.roles import roles_as_migrated

pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, part):
    """The path of the link in an email (links are absolute at the site's public address)."""
    line = next(line for line in message.body.splitlines() if part in line)
    return "/" + line.strip().split("/", 3)[3]


def staff(django_user_model, username, role):
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_pair_asks_for_help_is_talked_with_and_ends_with_the_mentee_matched_again(
    visit, check, live_server, django_user_model
):
    load_starter_content()
    roles_as_migrated()
    counselor_user = staff(django_user_model, "konselor", COUNSELOR)
    program = BuddyProgramFactory(
        counselor=CounselorFactory(user=counselor_user),
        starts_on=clock.today() - datetime.timedelta(days=20),
        ends_on=clock.today() + datetime.timedelta(days=100),
    )
    mentee = BuddySignupFactory(program=program, first_name="Adik", email="adik@contoh.id")
    buddy = BuddySignupFactory(
        program=program,
        side=Side.BUDDY,
        year=8,
        school_class="8A",
        first_name="Kakak",
        approved=True,
        training_completed=True,
    )
    BuddySignupFactory(
        program=program,
        side=Side.BUDDY,
        year=9,
        school_class="9C",
        first_name="Sekar",
        approved=True,
        training_completed=True,
    )
    pair = BuddyPair.objects.create(
        program=program,
        buddy=buddy,
        mentee=mentee,
        status=PairStatus.ACTIVE,
        activated_at=clock.now() - datetime.timedelta(days=14),
    )
    run_due(now=clock.now())
    to_mentee = next(m for m in mail.outbox if m.to == ["adik@contoh.id"])

    page = visit
    page.goto(link_in(to_mentee, "/check-in/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bagaimana kabarnya?")
    check(page)
    page.get_by_label("Ada yang ingin kamu tambahkan?").fill("Kami jarang bertemu")
    page.get_by_role("button", name="Aku ingin dibantu").click()
    expect(page.get_by_role("status")).to_contain_text("Konselor program akan segera menghubungimu")
    check(page)

    sign_in(page, live_server, counselor_user)
    page.goto("/admin/")
    page.get_by_role("link", name="1 buddy pair needs attention", exact=False).click()
    page.get_by_role("link", name="Kakak + Adik").click()
    expect(page.get_by_text("Kami jarang bertemu")).to_be_visible()
    check(page)
    page.get_by_label("Note of a conversation").fill("Atur jadwal bertemu tiap Rabu")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Note added.")).to_be_visible()
    pair.refresh_from_db()
    assert pair.needs_attention_since is None

    mail.outbox.clear()
    page.goto(f"/admin/buddies/programs/{program.pk}/matching/")
    with page.expect_navigation():
        page.get_by_role("link", name="End", exact=True).click()
    check(page)
    page.get_by_label("It was not a good match").check()
    page.get_by_role("button", name="Yes, end the pair").click()
    expect(page.get_by_text("The pair has ended.")).to_be_visible()
    # The mentee is suggested again, with the other buddy, never with the same one.
    expect(page.locator("table.listing").first).to_contain_text("Sekar")
    page.reload()  # axe the page itself, not Wagtail's message while it fades in
    check(page)
    pair.refresh_from_db()
    assert pair.end_reason == EndReason.NOT_A_GOOD_MATCH

    page.context.clear_cookies()
    closing = next(m for m in mail.outbox if m.to == ["adik@contoh.id"])
    page.goto(link_in(closing, "/check-in/"))
    page.get_by_label("Sulit").check()
    page.get_by_label("Mungkin").check()
    page.get_by_role("button", name="Kirim jawabanku").click()
    expect(page.get_by_role("status")).to_contain_text("Jawabanmu sudah kami terima")
    check(page)
    survey = PairCheckIn.objects.get(signup=mentee, round=0)
    assert survey.answer == CheckInAnswer.HELP and survey.again == "maybe"
    assert follow_up.check_ins_send_due(now=clock.now()) == 0  # an ended pair gets no more check-ins


def test_feedback_the_day_after_and_a_kind_word_after_missed_sessions(
    visit, check, live_server, django_user_model
):
    load_starter_content()
    roles_as_migrated()
    coordinator = staff(django_user_model, "koordinator", COORDINATOR)
    offering = OfferingFactory(asks_feedback=True)
    yesterday = clock.today() - datetime.timedelta(days=1)

    def session(days_ago):
        start = datetime.datetime.combine(
            clock.today() - datetime.timedelta(days=days_ago), datetime.time(10), clock.WIB
        )
        return SessionFactory(offering=offering, start=start, original_start=start)

    came = BookingFactory(session=session(1), name="Dewi", email="dewi@contoh.id")
    missed = [BookingFactory(session=session(days), name="Rina", email="rina@contoh.id") for days in (8, 1)]
    for booking, status in [(came, BookingStatus.ATTENDED)] + [(b, BookingStatus.NO_SHOW) for b in missed]:
        bookings.booking_mark(booking_id=booking.pk, status=status, user=coordinator, now=clock.now())
    warm = next(m for m in mail.outbox if m.to == ["rina@contoh.id"])
    assert warm.subject == "Kami tetap ada untukmu" and "tidak sedang dalam masalah" in warm.body
    mail.outbox.clear()
    morning = datetime.datetime.combine(yesterday + datetime.timedelta(days=1), datetime.time(9), clock.WIB)
    run_due(now=max(morning, clock.now()))
    assert [m.to for m in mail.outbox] == [["dewi@contoh.id"]]  # nobody who did not come

    page = visit
    page.goto(link_in(mail.outbox[0], "/feedback/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bagaimana sesimu?")
    check(page)
    page.get_by_role("group", name="Aku merasa didengarkan dan dipahami").get_by_label("Sepenuhnya").check()
    page.get_by_role("group", name="Secara keseluruhan, sesi ini baik untukku").get_by_label(
        "Sebagian besar"
    ).check()
    page.get_by_role("button", name="Kirim jawabanku").click()
    expect(page.get_by_role("status")).to_contain_text("Jawabanmu sudah kami terima")
    check(page)
    page.reload()
    expect(page.get_by_role("button", name="Kirim jawabanku")).to_have_count(0)  # answered once
    feedback = SessionFeedback.objects.get()
    assert (feedback.listened, feedback.overall) == (5, 4)

    sign_in(page, live_server, coordinator)
    page.goto("/admin/")
    page.get_by_role("link", name="1 student has missed sessions", exact=False).click()
    expect(page.locator("table.listing").first).to_contain_text("Rina")
    check(page)
    page.get_by_label("What happened (optional)").fill("Ngobrol di kelas, akan pesan lagi")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("Marked as done.")).to_be_visible()
    page.get_by_role("link", name="Feedback after sessions").click()
    expect(page.locator("table.listing")).to_contain_text("1")
    check(page)


def test_a_counselor_signs_up_a_buddy_from_a_paper_form(visit, check, live_server, django_user_model):
    """From the matching screen: the form, its errors beside the fields, and the buddy ready to pair."""
    load_starter_content()
    roles_as_migrated()
    counselor_user = staff(django_user_model, "konselor", COUNSELOR)
    program = BuddyProgramFactory(
        counselor=CounselorFactory(user=counselor_user), buddies_need_training=False
    )
    BuddySignupFactory(program=program, first_name="Adik", email="adik@contoh.id")

    sign_in(visit, live_server, counselor_user)
    visit.goto(f"/admin/buddies/programs/{program.pk}/matching/")
    with visit.expect_navigation():
        visit.get_by_role("link", name="Sign up a buddy").click()
    check(visit)
    with visit.expect_navigation():
        visit.get_by_role("button", name="Sign them up").click()  # nothing filled in
    expect(visit.get_by_text("Please correct the errors below.")).to_be_visible()
    check(visit)
    fill_buddy_signup(visit, side="buddy", first_name="Kakak", school_class="9A", year="9")
    with visit.expect_navigation():
        visit.get_by_role("button", name="Sign them up").click()
    expect(visit.get_by_text("Kakak is signed up and emailed.")).to_be_visible()
    if visit.runs_javascript:  # the admin's message fades in: checked once it has
        visit.wait_for_function(
            "() => getComputedStyle(document.querySelector('.messages > ul')).opacity === '1'"
        )
    check(visit)
    assert [message.to for message in mail.outbox] == [["kakak.buddy@contoh.id"]]
    buddy = BuddySignup.objects.get(side=Side.BUDDY)
    assert (buddy.first_name, buddy.year, buddy.language) == ("Kakak", 9, "id")
    expect(visit.locator("#hand-buddy")).to_contain_text("Kakak (9A)")
