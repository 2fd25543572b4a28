"""After a pair starts: check-ins on the program's rhythm, a pair that needs attention, and the closing questions.

Mentoring standards ask staff to check on a pair twice in the first month and monthly after;
here both students get a one-tap link. "I'd like help", or two check-ins in a row left
unanswered by either of them, puts the pair on its counselor's dashboard until someone notes
a conversation. Each check-in is one row under a unique rule, created with its email in one
transaction: a step that runs twice, or two workers at once, send it once.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from buddies.models import (
    BuddyEmail,
    BuddyEmailKind,
    BuddyPair,
    CheckInAnswer,
    CheckInKind,
    PairCheckIn,
    PairNote,
    PairStatus,
)
from core.audit import log_private
from core.errors import RuleError
from core.localtime import local_zone
from core.outbox import outbox_create
from core.periodic import each_in_batches

# A check-in is answered within a week or counts as unanswered; one that would go out later
# than this after its day (the site was down) is skipped, not sent late.
ANSWER_WINDOW = datetime.timedelta(days=7)
UNANSWERED_IN_A_ROW = 2


def check_in_due_at(pair, round_number):
    """When round ``round_number`` (from 1) of a pair's check-ins is due, or None after the last."""
    program = pair.program
    first = program.first_check_in_weeks
    if round_number <= len(first):
        weeks = first[round_number - 1]
    elif program.check_in_every_weeks:
        weeks = (first[-1] if first else 0) + program.check_in_every_weeks * (round_number - len(first))
    else:
        return None
    return pair.activated_at + datetime.timedelta(weeks=weeks)


def latest_round_due(pair, *, now):
    """(round, due at) of the latest round due by ``now``, or (0, None) before the first."""
    due = (0, None)
    round_number = 1
    while (moment := check_in_due_at(pair, round_number)) is not None and moment <= now:
        due = (round_number, moment)
        round_number += 1
    return due


def _program_has_ended(program, *, now):
    return now.astimezone(local_zone()).date() > program.ends_on


def check_ins_send_due(*, now):
    """Send every active pair the round that is due, once. Returns how many students were asked."""
    pairs = BuddyPair.objects.filter(status=PairStatus.ACTIVE).select_related("program", "buddy", "mentee")
    sent = {
        (pair_id, round_number)
        for pair_id, round_number in PairCheckIn.objects.filter(
            kind=CheckInKind.CHECK_IN, pair__status=PairStatus.ACTIVE
        ).values_list("pair_id", "round")
    }
    due = []
    for pair in pairs:
        if _program_has_ended(pair.program, now=now):
            continue  # the closing questions go instead (pairs_end_with_their_program)
        round_number, due_at = latest_round_due(pair, now=now)
        if not round_number or (pair.pk, round_number) in sent or now - due_at > ANSWER_WINDOW:
            continue
        due += [(pair, student, round_number) for student in (pair.buddy, pair.mentee)]
    return each_in_batches(
        due,
        lambda item: _ask(item[0], item[1], kind=CheckInKind.CHECK_IN, round_number=item[2], now=now),
    )


def _ask(pair, student, *, kind, round_number, now):
    """One check-in row and its email, or nothing if another run made it first. 1 if made."""
    try:
        with transaction.atomic():
            check_in = PairCheckIn.objects.create(
                pair=pair, signup=student, kind=kind, round=round_number, sent_at=now
            )
            email_kind = BuddyEmailKind.CLOSING if kind == CheckInKind.CLOSING else BuddyEmailKind.CHECK_IN
            outbox_create(BuddyEmail, signup=student, pair=pair, check_in=check_in, kind=email_kind)
    except IntegrityError:
        return 0
    return 1


def closing_questions_send(pair, *, now):
    """Ask both students of a pair that has just ended how it went (inside the ending transaction)."""
    for student in (pair.buddy, pair.mentee):
        _ask(pair, student, kind=CheckInKind.CLOSING, round_number=0, now=now)


def pairs_flag_unanswered(*, now):
    """Flag active pairs where one student has left the last two check-ins unanswered. Returns how many."""
    closed = PairCheckIn.objects.filter(
        kind=CheckInKind.CHECK_IN,
        pair__status=PairStatus.ACTIVE,
        pair__needs_attention_since__isnull=True,
        sent_at__lte=now - ANSWER_WINDOW,
    ).order_by("pair_id", "signup_id", "-round")
    latest = {}
    for pair_id, signup_id, sent_at, answered_at, cleared_at in closed.values_list(
        "pair_id", "signup_id", "sent_at", "answered_at", "pair__attention_cleared_at"
    ):
        rounds = latest.setdefault((pair_id, signup_id), [])
        if len(rounds) < UNANSWERED_IN_A_ROW and (cleared_at is None or sent_at > cleared_at):
            rounds.append(answered_at)
    silent = {
        pair_id
        for (pair_id, _signup_id), answers in latest.items()
        if len(answers) == UNANSWERED_IN_A_ROW and not any(answers)
    }
    return BuddyPair.objects.filter(pk__in=silent, needs_attention_since__isnull=True).update(
        needs_attention_since=now
    )


def check_in_answer(*, token, answer, again="", comment="", now):
    """A student's one-tap answer; the first answer counts. "I'd like help" flags the pair at once."""
    if answer not in CheckInAnswer.values:
        raise RuleError(_("Choose one of the answers."), code="invalid", field="answer")
    with transaction.atomic():
        check_in = PairCheckIn.objects.select_for_update().select_related("pair").filter(token=token).first()
        if check_in is None:
            raise RuleError(_("This link is not valid any more."), code="missing")
        if check_in.is_answered:
            raise RuleError(_("You have already answered. Thank you!"), code="answered")
        check_in.answer = answer
        check_in.again = again if check_in.is_closing else ""
        check_in.comment = comment.strip()[:300]
        check_in.answered_at = now
        check_in.save(update_fields=["answer", "again", "comment", "answered_at"])
        pair = check_in.pair
        if answer == CheckInAnswer.HELP and pair.needs_attention_since is None:
            BuddyPair.objects.filter(pk=pair.pk).update(needs_attention_since=now)
    return check_in


def pair_note_add(*, pair_id, user, text, clears_attention, now):
    """Staff note a conversation with a pair; it can take the pair off the dashboard."""
    text = text.strip()
    if not text:
        raise RuleError(_("Write what was talked about or agreed."), code="empty", field="text")
    with transaction.atomic():
        pair = BuddyPair.objects.select_for_update().get(pk=pair_id)
        note = PairNote.objects.create(pair=pair, author=user, text=text, cleared_attention=clears_attention)
        if clears_attention and pair.needs_attention_since is not None:
            pair.needs_attention_since = None
            pair.attention_cleared_at = now
            pair.save(update_fields=["needs_attention_since", "attention_cleared_at"])
        log_private(pair, "buddies.pair_note_added", user=user)
    return note
