"""After a pair starts: check-ins on the program's rhythm, help that reaches the dashboard, ending well."""

import datetime

import pytest
from django.core import mail

from buddies import follow_up, matching, services
from buddies.emails import check_in_url
from buddies.models import (
    BuddyEmail,
    BuddyEmailKind,
    BuddyPair,
    CheckInAnswer,
    CheckInKind,
    EndReason,
    PairCheckIn,
    PairStatus,
    Side,
    SignupStatus,
)
from core.periodic import run_due
from staff.roles import COORDINATOR, COUNSELOR
from tests import clock
from tests.booking.factories import CounselorFactory
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory
from tests.staff.test_permission_matrix import answer
from tests.staff.test_roles import staff_client

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def page_of(check_in):
    """The path of the check-in's link, as the email gives it."""
    return "/" + check_in_url(check_in).split("/", 3)[3]


def active_pair(program, *, started, buddy_class="8A"):
    mentee = BuddySignupFactory(program=program, first_name="Adik", email="adik@contoh.id")
    buddy = BuddySignupFactory(
        program=program,
        side=Side.BUDDY,
        year=8,
        school_class=buddy_class,
        first_name="Kakak",
        email="kakak@contoh.id",
        approved=True,
        training_completed=True,
    )
    pair = BuddyPair.objects.create(
        program=program, buddy=buddy, mentee=mentee, status=PairStatus.ACTIVE, activated_at=started
    )
    return pair


@pytest.fixture
def running_program():
    return BuddyProgramFactory(
        starts_on=clock.today() - datetime.timedelta(days=10),
        ends_on=clock.today() + datetime.timedelta(days=200),
    )


def test_check_ins_go_to_both_on_the_programs_rhythm_once_and_never_late(running_program):
    started = clock.now()
    pair = active_pair(running_program, started=started)
    assert follow_up.check_ins_send_due(now=started + 13 * DAY) == 0
    assert follow_up.check_ins_send_due(now=started + 14 * DAY) == 2
    assert follow_up.check_ins_send_due(now=started + 14 * DAY + datetime.timedelta(hours=1)) == 0
    assert run_due(now=started + 15 * DAY)["check_ins_sent"] == 0
    assert follow_up.check_ins_send_due(now=started + 28 * DAY) == 2
    # Then every four weeks: 56 days. A site that was down for more than a week skips that round.
    assert follow_up.check_ins_send_due(now=started + 56 * DAY + 8 * DAY) == 0
    assert follow_up.check_ins_send_due(now=started + 84 * DAY) == 2
    rounds = sorted(set(pair.check_ins.values_list("round", flat=True)))
    assert rounds == [1, 2, 4]
    emails = BuddyEmail.objects.filter(kind=BuddyEmailKind.CHECK_IN)
    assert emails.count() == 6 and {e.signup.email for e in emails} == {"adik@contoh.id", "kakak@contoh.id"}


def test_the_check_in_email_links_to_a_one_tap_page_in_the_students_language(
    running_program, client, django_capture_on_commit_callbacks
):
    pair = active_pair(running_program, started=clock.now() - 14 * DAY)
    pair.buddy.language = "en"
    pair.buddy.save()
    with django_capture_on_commit_callbacks(execute=True):
        follow_up.check_ins_send_due(now=clock.now())
    to_buddy = next(m for m in mail.outbox if m.to == ["kakak@contoh.id"])
    assert to_buddy.subject == "How is it going with your buddy?" and "Adik" in to_buddy.body
    link = next(line for line in to_buddy.body.splitlines() if "/check-in/" in line)
    path = "/" + link.split("/", 3)[3]
    assert path.startswith("/en/buddy/check-in/")
    page = client.get(path)
    assert page.status_code == 200 and "I&#x27;d like help" in page.content.decode()
    assert client.post(path, {"answer": "sometimes"}).status_code == 400
    response = client.post(path, {"answer": CheckInAnswer.GOING_WELL, "comment": "Kami main bola"})
    assert response.status_code == 302
    check_in = PairCheckIn.objects.get(signup=pair.buddy)
    assert check_in.answer == CheckInAnswer.GOING_WELL and check_in.comment == "Kami main bola"
    # The first answer counts.
    client.post(path, {"answer": CheckInAnswer.HELP})
    check_in.refresh_from_db()
    assert check_in.answer == CheckInAnswer.GOING_WELL
    assert "Thank you" in client.get(path).content.decode()


def test_id_like_help_reaches_the_programs_counselor_and_a_noted_talk_clears_it(
    running_program, django_user_model, client
):
    user, counselor_client = staff_client(django_user_model, "konselor", COUNSELOR)
    running_program.counselor = CounselorFactory(user=user)
    running_program.save()
    _other, other_client = staff_client(django_user_model, "konselor-lain", COUNSELOR)
    _coordinator, coordinator_client = staff_client(django_user_model, "koordinator", COORDINATOR)
    pair = active_pair(running_program, started=clock.now() - 14 * DAY)
    follow_up.check_ins_send_due(now=clock.now())
    check_in = PairCheckIn.objects.get(signup=pair.mentee)
    client.post(
        page_of(check_in),
        {"answer": CheckInAnswer.HELP, "comment": "Dia jarang datang"},
    )
    pair.refresh_from_db()
    assert pair.needs_attention_since is not None
    needing = "1 pasangan buddy perlu perhatian"
    assert needing in counselor_client.get("/admin/").content.decode()
    assert needing in coordinator_client.get("/admin/").content.decode()
    assert needing not in other_client.get("/admin/").content.decode()
    page = counselor_client.get(f"/admin/buddies/pairs/{pair.pk}/follow-up/").content.decode()
    assert "Dia jarang datang" in page
    assert answer(other_client, "get", f"/admin/buddies/pairs/{pair.pk}/follow-up/").status_code == 404
    assert (
        counselor_client.post(f"/admin/buddies/pairs/{pair.pk}/follow-up/", {"text": ""}).status_code == 400
    )
    counselor_client.post(
        f"/admin/buddies/pairs/{pair.pk}/follow-up/",
        {"text": "Ngobrol bertiga di jam istirahat", "clears_attention": "on"},
    )
    pair.refresh_from_db()
    assert pair.needs_attention_since is None and pair.notes.get().author == user
    assert needing not in counselor_client.get("/admin/").content.decode()


def test_two_check_ins_in_a_row_left_unanswered_flag_the_pair(running_program):
    started = clock.now() - 40 * DAY
    pair = active_pair(running_program, started=started)
    follow_up.check_ins_send_due(now=started + 14 * DAY)
    PairCheckIn.objects.filter(signup=pair.buddy).update(
        answer=CheckInAnswer.OKAY, answered_at=started + 15 * DAY
    )
    follow_up.check_ins_send_due(now=started + 28 * DAY)
    assert follow_up.pairs_flag_unanswered(now=started + 30 * DAY) == 0  # the second is still open
    assert follow_up.pairs_flag_unanswered(now=started + 35 * DAY) == 1  # the student who had a buddy
    assert follow_up.pairs_flag_unanswered(now=started + 36 * DAY) == 0  # flagged once


def test_ending_a_pair_asks_both_how_it_went_and_rematches_without_the_same_buddy(
    running_program, django_user_model, django_capture_on_commit_callbacks, client
):
    pair = active_pair(running_program, started=clock.now() - 20 * DAY)
    second_buddy = BuddySignupFactory(
        program=running_program,
        side=Side.BUDDY,
        year=9,
        school_class="9B",
        approved=True,
        training_completed=True,
    )
    _user, coordinator = staff_client(django_user_model, "koordinator", COORDINATOR)
    address = f"/admin/buddies/pairs/{pair.pk}/end/"
    assert coordinator.post(address, {}).status_code == 400  # a reason is needed
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(address, {"reason": EndReason.NOT_A_GOOD_MATCH, "match_again": "on"})
    pair.refresh_from_db()
    assert (
        pair.status == PairStatus.ENDED and pair.end_reason == EndReason.NOT_A_GOOD_MATCH and pair.ended_early
    )
    closing = {m.to[0]: m for m in mail.outbox if m.subject == "Bagaimana pasangan buddy-mu?"}
    assert set(closing) == {"adik@contoh.id", "kakak@contoh.id"}
    survey = PairCheckIn.objects.get(signup=pair.mentee, kind=CheckInKind.CLOSING)
    response = client.post(page_of(survey), {"answer": CheckInAnswer.HELP, "again": "yes"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.answer == CheckInAnswer.HELP and survey.again == "yes"
    buddies, mentees = services.matching_people(running_program)
    suggested = matching.suggest_pairs(buddies, mentees).suggestions
    assert [(s.buddy.id, s.mentee.id) for s in suggested] == [(second_buddy.pk, pair.mentee_id)]


def test_ending_without_matching_again_withdraws_the_student_quietly(running_program):
    pair = active_pair(running_program, started=clock.now() - 20 * DAY)
    services.pair_end(pair_id=pair.pk, user=None, now=clock.now(), reason=EndReason.LEFT, match_again=False)
    pair.mentee.refresh_from_db()
    assert pair.mentee.status == SignupStatus.WITHDRAWN
    assert not BuddyEmail.objects.filter(signup=pair.mentee, kind=BuddyEmailKind.WITHDRAWN).exists()


def test_pairs_end_with_their_program_and_ask_the_closing_questions_once():
    program = BuddyProgramFactory(
        starts_on=clock.today() - datetime.timedelta(days=100),
        ends_on=clock.today() - datetime.timedelta(days=1),
    )
    pair = active_pair(program, started=clock.now() - 90 * DAY)
    assert run_due(now=clock.now())["pairs_ended_with_program"] == 1
    assert run_due(now=clock.now())["pairs_ended_with_program"] == 0
    pair.refresh_from_db()
    assert pair.end_reason == EndReason.PROGRAM_ENDED and not pair.ended_early
    assert PairCheckIn.objects.filter(pair=pair, kind=CheckInKind.CLOSING).count() == 2
    assert not PairCheckIn.objects.filter(pair=pair, kind=CheckInKind.CHECK_IN).exists()


def test_staff_sign_a_student_up_after_the_window_closed_under_every_other_rule(
    django_user_model, django_capture_on_commit_callbacks
):
    from wagtail.models import ModelLogEntry

    from buddies.models import BuddySignup
    from tests.buddies.test_views import form_data

    user, client = staff_client(django_user_model, "konselor", COUNSELOR)
    program = BuddyProgramFactory(
        counselor=CounselorFactory(user=user),
        signup_opens=clock.now() - 20 * DAY,
        signup_closes=clock.now() - DAY,
        mentee_places=1,
    )
    address = f"/admin/buddies/programs/{program.pk}/add/mentee/"
    assert client.get(address).status_code == 200
    data = {**form_data(email="laras@contoh.id", first_name="Laras"), "language": "id"}
    data.pop("privacy_consent")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(address, data).status_code == 302
    signup = BuddySignup.objects.get()
    assert signup.first_name == "Laras" and [m.to for m in mail.outbox][0] == ["laras@contoh.id"]
    assert ModelLogEntry.objects.get(object_id=str(signup.pk), action="buddies.added_by_staff").user == user
    full = client.post(address, {**data, "email": "oki@contoh.id"})
    assert full.status_code == 400 and "penuh" in full.content.decode()
    _other, other_client = staff_client(django_user_model, "konselor-lain", COUNSELOR)
    assert answer(other_client, "post", address, **data).status_code == 404
