import datetime

import pytest
from django.core import mail

from buddies import services
from buddies.models import BuddyEmail, BuddyPair, EndReason, PairStatus, Side, SignupStatus
from core.errors import RuleError
from tests import clock
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory

pytestmark = pytest.mark.django_db


def student(**overrides):
    data = {
        "first_name": "Andi",
        "email": "Andi@Contoh.id",
        "school_class": "7a",
        "year": 7,
        "age_group": "13_15",
        "guardian_name": "Ibu Sri",
        "guardian_contact": "sri@contoh.id",
        "guardian_consent": True,
        "languages": ["id"],
        "free_periods": ["lunch"],
    }
    data.update(overrides)
    return services.Student(**data)


@pytest.fixture
def program():
    return BuddyProgramFactory()


def sign_up(program, side=Side.MENTEE, committed=None, **overrides):
    return services.signup_create(
        program_id=program.pk, side=side, student=student(**overrides), language="id", now=clock.now()
    )


def test_a_sign_up_is_kept_with_only_what_matching_needs_and_confirmed_by_email(
    program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(program)
    assert (signup.email, signup.school_class, signup.status) == ("andi@contoh.id", "7A", SignupStatus.ACTIVE)
    assert signup.motivation == "" and not signup.training_completed
    (message,) = mail.outbox
    assert message.to == ["andi@contoh.id"] and message.subject == "Pendaftaranmu sudah kami terima"
    assert signup.manage_token in message.body


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"signup_opens": datetime.timedelta(days=1)}, "not_open"),
        (
            {"signup_closes": -datetime.timedelta(minutes=1), "signup_opens": -datetime.timedelta(days=2)},
            "closed",
        ),
        ({"mentee_places": 0}, "full"),
    ],
)
def test_closed_window_or_full_side_is_refused(change, code):
    # Moments are taken from the clock when the test runs, not when it is collected.
    program = BuddyProgramFactory(
        **{
            field: clock.now() + value if isinstance(value, datetime.timedelta) else value
            for field, value in change.items()
        }
    )
    with pytest.raises(RuleError) as error:
        sign_up(program)
    assert error.value.code == code


def test_one_active_sign_up_per_email_and_side_and_the_year_must_fit(program):
    sign_up(program)
    with pytest.raises(RuleError) as error:
        sign_up(program, email="ANDI@contoh.id")
    assert error.value.code == "duplicate"
    with pytest.raises(RuleError) as error:
        sign_up(program, side=Side.BUDDY, email="kakak@contoh.id", year=7)
    assert error.value.code == "year"
    assert sign_up(program, side=Side.BUDDY, year=8, school_class="8A").side == Side.BUDDY


def test_under_18s_need_a_guardian(program):
    with pytest.raises(RuleError) as error:
        sign_up(program, guardian_consent=False)
    assert error.value.code == "guardian"


def accepted_pair(program):
    buddy = BuddySignupFactory(
        program=program,
        side=Side.BUDDY,
        year=8,
        # A space, so the class cannot turn up by chance inside a link's random token.
        school_class="8 Melati",
        approved=True,
        training_completed=True,
        first_name="Bima",
        email="bima@contoh.id",
    )
    mentee = BuddySignupFactory(
        program=program,
        side=Side.MENTEE,
        first_name="Andi",
        email="andi@contoh.id",
        age_group="13_15",
        guardian_name="Ibu Sri",
        guardian_contact="sri@contoh.id",
        guardian_consent=True,
    )
    pair = services.pair_propose(program_id=program.pk, buddy_id=buddy.pk, mentee_id=mentee.pk, user=None)
    return pair, buddy, mentee


def test_a_pair_moves_proposed_active_ended_and_only_first_names_are_shared(
    program, django_capture_on_commit_callbacks
):
    pair, buddy, mentee = accepted_pair(program)
    assert pair.status == PairStatus.PROPOSED and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.pair_activate(pair_id=pair.pk, user=None, now=clock.now())
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["andi@contoh.id", "bima@contoh.id", "sri@contoh.id"]
    to_andi = next(m for m in mail.outbox if m.to == ["andi@contoh.id"])
    assert "Bima" in to_andi.body
    assert "bima@contoh.id" not in to_andi.body and "8 Melati" not in to_andi.body
    services.pair_end(pair_id=pair.pk, user=None, now=clock.now(), reason=EndReason.ASKED)
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED and pair.end_reason == EndReason.ASKED
    # Ended: the student can be paired again, but not with the same buddy.
    with pytest.raises(RuleError) as error:
        services.pair_propose(program_id=program.pk, buddy_id=buddy.pk, mentee_id=mentee.pk, user=None)
    assert error.value.code == "rule" and "pernah berpasangan" in str(error.value.message)


def test_hard_rules_and_capacity_hold_when_staff_pair_by_hand(program):
    pair, buddy, mentee = accepted_pair(program)
    other = BuddySignupFactory(program=program, side=Side.MENTEE, school_class="7C")
    with pytest.raises(RuleError) as error:  # one student per buddy in this program
        services.pair_propose(program_id=program.pk, buddy_id=buddy.pk, mentee_id=other.pk, user=None)
    assert error.value.code == "buddy_full"
    same_class = BuddySignupFactory(
        program=program, side=Side.BUDDY, year=8, school_class="7C", approved=True, training_completed=True
    )
    with pytest.raises(RuleError) as error:
        services.pair_propose(program_id=program.pk, buddy_id=same_class.pk, mentee_id=other.pk, user=None)
    assert error.value.code == "rule"
    with pytest.raises(RuleError):  # already in an open pair
        services.pair_propose(program_id=program.pk, buddy_id=same_class.pk, mentee_id=mentee.pk, user=None)


def test_withdrawing_ends_the_pair_so_the_other_can_be_rematched(program, django_capture_on_commit_callbacks):
    pair, buddy, mentee = accepted_pair(program)
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_withdraw(signup_id=buddy.pk, now=clock.now())
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    _buddies, mentees = services.matching_people(program)
    assert [m.id for m in mentees] == [mentee.pk]
    assert BuddyEmail.objects.filter(signup=buddy, kind="withdrawn").exists()
    assert not BuddyPair.objects.filter(status=PairStatus.ACTIVE).exists()


def test_a_failed_buddy_email_is_retried_by_the_same_cron_run_as_booking_emails(program, settings):
    from core.outbox import outboxes_retry

    settings.EMAIL_BACKEND = "tests.booking.failing_mail.FailingBackend"
    sign_up(program)
    email = BuddyEmail.objects.get()
    from buddies.emails import buddy_email_send

    buddy_email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outboxes_retry(now=clock.now() + datetime.timedelta(minutes=6)) == 1
    email.refresh_from_db()
    assert email.status == "sent" and len(mail.outbox) == 1


def test_when_a_buddy_withdraws_from_a_started_pair_the_mentee_and_guardian_are_told_kindly(
    program, django_capture_on_commit_callbacks
):
    pair, buddy, mentee = accepted_pair(program)
    services.pair_activate(pair_id=pair.pk, user=None, now=clock.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_withdraw(signup_id=buddy.pk, now=clock.now())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["andi@contoh.id", "bima@contoh.id", "sri@contoh.id"]
    to_andi, to_guardian = by_address["andi@contoh.id"], by_address["sri@contoh.id"]
    assert "sudah berakhir" in to_andi.body and "bukan karena kamu" in to_andi.body
    assert "Bima" not in to_andi.body  # why the pair ended is not the mentee's to hear
    assert to_guardian.body.startswith("Halo Ibu Sri,") and "Pasangan buddy Andi" in to_guardian.body
    assert to_guardian.subject == "Kabar tentang pasangan buddy anak Anda"


def test_a_guardian_is_told_of_a_pairing_as_a_parent_not_as_the_student(
    program, django_capture_on_commit_callbacks
):
    pair, _buddy, _mentee = accepted_pair(program)
    with django_capture_on_commit_callbacks(execute=True):
        services.pair_activate(pair_id=pair.pk, user=None, now=clock.now())
    (to_guardian,) = [message for message in mail.outbox if message.to == ["sri@contoh.id"]]
    assert to_guardian.subject == "Anak Anda sudah mendapat buddy"
    assert "Andi sudah dipasangkan" in to_guardian.body and "Kamu" not in to_guardian.body
