"""Every change to a buddy sign-up or pair goes through these functions, inside a locked transaction.

A broken rule raises core's RuleError: one error type with a message the person can read.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from buddies import follow_up, matching
from buddies.models import (
    STAFF_LABEL_FIELDS,
    BuddyEmail,
    BuddyEmailKind,
    BuddyPair,
    BuddyProgram,
    BuddySignup,
    EndReason,
    PairStatus,
    Side,
    SignupStatus,
    signup_staff_label,
)
from core.audit import log_private
from core.errors import RuleError
from core.localtime import local_zone
from core.outbox import outbox_create
from core.people import UNDER_18, guardian_problem
from core.transactions import locked_transaction


@dataclass(frozen=True)
class Student:
    first_name: str
    email: str
    school_class: str
    year: int
    age_group: str
    guardian_name: str = ""
    guardian_contact: str = ""
    guardian_consent: bool = False
    languages: list = field(default_factory=list)
    interests: list = field(default_factory=list)
    free_periods: list = field(default_factory=list)
    contact_preference: str = "at_school"
    motivation: str = ""
    training_completed: bool = False

    @classmethod
    def from_form(cls, data):
        """The student as a sign-up form (public or staff's) cleaned them."""
        return cls(
            first_name=data["first_name"],
            email=data["email"],
            school_class=data["school_class"],
            year=data["year"],
            age_group=data["age_group"],
            guardian_name=data["guardian_name"],
            guardian_contact=data["guardian_contact"],
            guardian_consent=data["guardian_consent"],
            languages=data["languages"],
            interests=data["interests"],
            free_periods=data["free_periods"],
            contact_preference=data["contact_preference"],
            motivation=data.get("motivation", ""),
            training_completed=data.get("training_completed", False),
        )


# THE LOCK ORDER for buddy writes: the program, then its sign-ups, then its pairs. Every write
# that changes who is paired takes the program's row first, so a withdrawal and a proposal of
# the same program wait in turn instead of on each other.


def _lock_program(program_id):
    return BuddyProgram.objects.select_for_update().get(pk=program_id)


# A parent or guardian hears when their child is paired, and when that pair ends.
GUARDIAN_TOLD = (BuddyEmailKind.PAIRED, BuddyEmailKind.PAIR_ENDED)


def _email(signup, kind, *, pair=None):
    """Owe the student (and, for a pairing under 18, their parent or guardian) an email after commit."""
    recipients = [False]
    if kind in GUARDIAN_TOLD and signup.needs_guardian and "@" in signup.guardian_contact:
        recipients.append(True)
    for to_guardian in recipients:
        outbox_create(BuddyEmail, signup=signup, pair=pair, kind=kind, to_guardian=to_guardian)


def signup_problem(program, side, *, now, taken, by_staff=False):
    """Why nobody can sign up on this side now, or None (used by the page and the sign-up alike).

    Staff (``by_staff``) may sign a student up outside the sign-up window; places still count.
    """
    if not by_staff and (not program.is_active or now < program.signup_opens):
        return RuleError(_("Sign-up for this program has not opened yet."), code="not_open")
    if not by_staff and now >= program.signup_closes:
        return RuleError(_("Sign-up for this program has closed."), code="closed")
    if taken >= program.places(side):
        return RuleError(_("This side of the program is full."), code="full")
    return None


def signup_create(*, program_id, side, student, language, now, added_by=None):
    """Sign ``student`` up on ``side`` of a program, or raise RuleError.

    ``added_by``: the staff member signing them up (for example from a paper form), outside the
    sign-up window too; the history says who.
    """
    email = student.email.strip().lower()
    under_18 = student.age_group in UNDER_18
    problem = guardian_problem(student)
    if problem:
        raise problem
    try:
        with transaction.atomic():
            program = BuddyProgram.objects.select_for_update().filter(pk=program_id).first()
            if program is None:
                raise RuleError(_("This program is no longer available."), code="missing")
            if student.year not in program.years(side):
                raise RuleError(
                    _("This side of the program is not open to your year."), code="year", field="year"
                )
            active = program.signups.filter(side=side, status=SignupStatus.ACTIVE)
            problem = signup_problem(
                program, side, now=now, taken=active.count(), by_staff=added_by is not None
            )
            if problem:
                raise problem
            if active.filter(email__iexact=email).exists():
                raise RuleError(
                    _("You have already signed up for this. Check your email for the details."),
                    code="duplicate",
                    field="email",
                )
            signup = BuddySignup.objects.create(
                program=program,
                side=side,
                first_name=student.first_name.strip(),
                email=email,
                school_class=student.school_class.strip().upper(),
                year=student.year,
                age_group=student.age_group,
                guardian_name=student.guardian_name.strip() if under_18 else "",
                guardian_contact=student.guardian_contact.strip() if under_18 else "",
                guardian_consent=student.guardian_consent if under_18 else False,
                languages=sorted(set(student.languages)),
                interests=sorted(set(student.interests)),
                free_periods=sorted(set(student.free_periods)),
                contact_preference=student.contact_preference,
                motivation=student.motivation.strip() if side == Side.BUDDY else "",
                training_completed=student.training_completed if side == Side.BUDDY else False,
                language=language,
                privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
                consented_at=now,
            )
            log_private(signup, "buddies.added_by_staff" if added_by else "buddies.signed_up", user=added_by)
            _email(signup, BuddyEmailKind.SIGNED_UP)
    except IntegrityError as error:
        if "buddy_signup_one_active_per_email_and_side" not in str(error):
            raise
        raise RuleError(
            _("You have already signed up for this. Check your email for the details."),
            code="duplicate",
            field="email",
        ) from error
    return signup


def signup_tell_already_signed_up(*, program_id, side, email):
    """Someone asked to sign up with an address already signed up: tell that address, never the
    person asking (the form answers as for a new sign-up). Returns the email owed, or None."""
    with transaction.atomic():
        signup = (
            BuddySignup.objects.select_for_update()
            .filter(program_id=program_id, side=side, status=SignupStatus.ACTIVE, email__iexact=email.strip())
            .first()
        )
        if signup is None:
            return None
        return outbox_create(BuddyEmail, signup=signup, kind=BuddyEmailKind.ALREADY_SIGNED_UP)


def signup_withdraw(*, signup_id, now, user=None, tell_student=True):
    """The student (or staff) withdraws; any pair they are in ends, so staff can pair the other one again.

    The partner of a pair that had started is told, neutrally, that it has ended.
    ``tell_student=False`` is for an erasure: nothing goes to an address about to be removed.
    """
    program_id = BuddySignup.objects.values_list("program_id", flat=True).get(pk=signup_id)
    with locked_transaction():
        _lock_program(program_id)
        signup = BuddySignup.objects.select_for_update().get(pk=signup_id)
        if signup.status != SignupStatus.ACTIVE:
            raise RuleError(_("This sign-up is already withdrawn."), code="not_active")
        signup.status = SignupStatus.WITHDRAWN
        signup.withdrawn_at = now
        signup.save(update_fields=["status", "withdrawn_at"])
        for pair in _open_pairs_of(signup):
            had_started = pair.status == PairStatus.ACTIVE
            _end(pair, now=now, user=user, reason=EndReason.LEFT)
            if had_started:
                partner = pair.mentee if signup.side == Side.BUDDY else pair.buddy
                _email(partner, BuddyEmailKind.PAIR_ENDED, pair=pair)
        log_private(signup, "buddies.withdrawn", user=user)
        if tell_student:
            _email(signup, BuddyEmailKind.WITHDRAWN)
    return signup


def _open_pairs_of(signup):
    return (
        BuddyPair.objects.select_for_update()
        .filter(program_id=signup.program_id, status__in=[PairStatus.PROPOSED, PairStatus.ACTIVE])
        .filter(**{"buddy" if signup.side == Side.BUDDY else "mentee": signup})
    )


def matching_people(program):
    """(buddies, mentees) as matching.Candidate, leaving out withdrawn students and those already paired.

    A student whose pair ended is matched again, never with the same buddy. Read as plain rows:
    matching needs no contact details, consent or guardian, and a school's thousand sign-ups
    are read in a few milliseconds that way.
    """
    open_pairs = program.pairs.exclude(status=PairStatus.ENDED)
    paired_mentees = set(open_pairs.values_list("mentee_id", flat=True))
    buddies_before = {}
    for mentee_id, buddy_id in program.pairs.filter(status=PairStatus.ENDED).values_list(
        "mentee_id", "buddy_id"
    ):
        buddies_before.setdefault(mentee_id, set()).add(buddy_id)
    buddy_load = {}
    for buddy_id in open_pairs.values_list("buddy_id", flat=True):
        buddy_load[buddy_id] = buddy_load.get(buddy_id, 0) + 1
    rows = program.signups.filter(status=SignupStatus.ACTIVE).values(
        "pk",
        "side",
        "year",
        "languages",
        "interests",
        "free_periods",
        "approved",
        "training_completed",
        *STAFF_LABEL_FIELDS,
    )
    buddies, mentees = [], []
    for row in rows:
        pk, side = row["pk"], row["side"]
        if side == Side.MENTEE and pk in paired_mentees:
            continue
        if side == Side.BUDDY:
            eligible = (row["approved"] or not program.buddies_need_approval) and (
                row["training_completed"] or not program.buddies_need_training
            )
            extra = {"eligible": eligible, "open_places": program.mentees_per_buddy - buddy_load.get(pk, 0)}
        else:
            extra = {"not_with": frozenset(buddies_before.get(pk, ()))}
        candidate = matching.Candidate(
            id=pk,
            first_name=row["first_name"],
            school_class=row["school_class"],
            year=row["year"],
            languages=frozenset(row["languages"]),
            interests=frozenset(row["interests"]),
            free_periods=frozenset(row["free_periods"]),
            staff_label=signup_staff_label(row["first_name"], row["school_class"], row["created_at"], pk),
            **extra,
        )
        (buddies if side == Side.BUDDY else mentees).append(candidate)
    return buddies, mentees


def pair_propose(*, program_id, buddy_id, mentee_id, user):
    """Staff propose a pair (a suggestion accepted, or their own choice); every hard rule is checked again."""
    with locked_transaction():
        program = _lock_program(program_id)
        buddies, mentees = matching_people(program)
        buddy = next((b for b in buddies if b.id == buddy_id), None)
        mentee = next((m for m in mentees if m.id == mentee_id), None)
        if buddy is None or mentee is None:
            raise RuleError(_("One of them is no longer available to pair."), code="unavailable")
        if buddy.open_places <= 0:
            raise RuleError(_("This buddy has no free place left."), code="buddy_full")
        broken = matching.hard_rule_broken(buddy, mentee)
        if broken:
            raise RuleError(_("They cannot be paired: %(reason)s.") % {"reason": broken}, code="rule")
        score, reasons = matching.score_pair(buddy, mentee)
        pair = BuddyPair.objects.create(
            program=program, buddy_id=buddy_id, mentee_id=mentee_id, score=score, reasons=reasons
        )
        log_private(pair, "buddies.pair_proposed", user=user)
    return pair


def pair_activate(*, pair_id, user, now):
    """The pair starts: both students (and parents or guardians where needed) get an email."""
    with locked_transaction():
        _lock_program(BuddyPair.objects.values_list("program_id", flat=True).get(pk=pair_id))
        pair = (
            BuddyPair.objects.select_for_update(of=("self",))
            .select_related("buddy", "mentee")
            .get(pk=pair_id)
        )
        if pair.status != PairStatus.PROPOSED:
            raise RuleError(_("Only a proposed pair can start."), code="not_proposed")
        if SignupStatus.WITHDRAWN in (pair.buddy.status, pair.mentee.status):
            raise RuleError(_("One of them has withdrawn."), code="withdrawn")
        pair.status = PairStatus.ACTIVE
        pair.activated_at = now
        pair.save(update_fields=["status", "activated_at"])
        log_private(pair, "buddies.pair_activated", user=user)
        _email(pair.buddy, BuddyEmailKind.PAIRED, pair=pair)
        _email(pair.mentee, BuddyEmailKind.PAIRED, pair=pair)
    return pair


def _end(pair, *, now, user, reason):
    pair.status = PairStatus.ENDED
    pair.ended_at = now
    pair.end_reason = reason
    pair.needs_attention_since = None
    pair.save(update_fields=["status", "ended_at", "end_reason", "needs_attention_since"])
    log_private(pair, "buddies.pair_ended", user=user, data={"reason": reason})


def pair_end(*, pair_id, user, now, reason, match_again=True):
    """End a pair (staff, or the program's end). A pair that had started asks both students how it went.

    ``match_again=False`` withdraws the student who had a buddy (for example, they have left);
    otherwise they are matched again, never with the same buddy.
    """
    if reason not in EndReason.values:
        raise RuleError(_("Choose why the pair ends."), code="invalid", field="reason")
    with locked_transaction():
        _lock_program(BuddyPair.objects.values_list("program_id", flat=True).get(pk=pair_id))
        pair = (
            BuddyPair.objects.select_for_update(of=("self",))
            .select_related("buddy", "mentee")
            .get(pk=pair_id)
        )
        if pair.status == PairStatus.ENDED:
            raise RuleError(_("This pair has already ended."), code="ended")
        had_started = pair.is_active
        _end(pair, now=now, user=user, reason=reason)
        if had_started:
            follow_up.closing_questions_send(pair, now=now)
    if not match_again and pair.mentee.is_active:
        signup_withdraw(signup_id=pair.mentee_id, now=now, user=user, tell_student=False)
    return pair


def pairs_end_with_their_program(*, now):
    """End the active pairs of programs whose last day has passed, asking both how it went. How many."""
    today = now.astimezone(local_zone()).date()
    due = BuddyPair.objects.filter(status=PairStatus.ACTIVE, program__ends_on__lt=today).values_list(
        "pk", flat=True
    )
    ended = 0
    for pair_id in list(due):
        try:
            pair_end(pair_id=pair_id, user=None, now=now, reason=EndReason.PROGRAM_ENDED)
            ended += 1
        except RuleError:
            continue  # ended by someone else meanwhile
    return ended
