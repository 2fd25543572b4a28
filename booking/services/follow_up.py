"""After a session: the feedback link the day after, and a kind follow-up when someone keeps missing sessions.

Feedback is optional and anonymous: the invitation belongs to the booking (so it goes once and
is answered once), the answer is stored apart with the offering, counselor and week only.
Missed sessions never block anyone: the counselor is asked to reach out, and the student gets
a warm email with the way to book again.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from booking.emails.outbox import booking_email_create
from booking.models import (
    FEEDBACK_ITEMS,
    Booking,
    BookingEmailKind,
    BookingStatus,
    FeedbackInvitation,
    FollowUpSettings,
    MissedReason,
    MissedSessionsFollowUp,
    SessionFeedback,
)
from booking.rules import local_week
from core.audit import log_private
from core.errors import RuleError
from core.localtime import local_zone
from core.periodic import each_in_batches

# Feedback goes out on the day after the session, from this local hour; a link that would go
# later than this after the session ends (attendance recorded late, the site down) is skipped.
FEEDBACK_FROM_HOUR = 8
FEEDBACK_LATEST = datetime.timedelta(days=3)


def feedback_requests_send_due(*, now):
    """Invite everyone who came to a session of an offering that asks, the day after, once. How many."""
    local_now = now.astimezone(local_zone())
    if local_now.hour < FEEDBACK_FROM_HOUR:
        return 0
    start_of_today = datetime.datetime.combine(local_now.date(), datetime.time(), local_zone())
    due = Booking.objects.filter(
        status=BookingStatus.ATTENDED,
        anonymised_at__isnull=True,
        session__offering__asks_feedback=True,
        session__end__lt=start_of_today,
        session__end__gte=now - FEEDBACK_LATEST,
        feedback_invitation__isnull=True,
    )
    return each_in_batches(due, lambda booking: _invite(booking, now=now))


def _invite(booking, *, now):
    try:
        with transaction.atomic():
            FeedbackInvitation.objects.create(booking=booking, sent_at=now)
            booking_email_create(booking, BookingEmailKind.FEEDBACK_REQUEST)
    except IntegrityError:
        return 0  # another run invited them first
    return 1


def feedback_answer(*, token, comment="", **scores):
    """Store one anonymous answer; a link answers once. ``scores`` are the FEEDBACK_ITEMS, each 1–5 or None."""
    with transaction.atomic():
        invitation = (
            FeedbackInvitation.objects.select_for_update(of=("self",))
            .select_related("booking__session")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise RuleError(_("This link is not valid any more."), code="missing")
        if invitation.is_answered:
            raise RuleError(_("You have already answered. Thank you!"), code="answered")
        session = invitation.booking.session
        answers = {code: scores.get(code) for code, _label in FEEDBACK_ITEMS}
        if not any(answers.values()) and not comment.strip():
            raise RuleError(_("Answer at least one question, or write a line."), code="empty")
        SessionFeedback.objects.create(
            offering_id=session.offering_id,
            counselor_id=session.counselor_id,
            week=local_week(session.start),
            comment=comment.strip()[:300],
            **answers,
        )
        invitation.is_answered = True
        invitation.save(update_fields=["is_answered"])


def _semester_start(day):
    """Indonesian school semesters: July–December and January–June."""
    return datetime.date(day.year, 7 if day.month >= 7 else 1, 1)


def missed_sessions_check(booking, *, now):
    """After a "did not come": raise a follow-up (and the warm email) if the student has now missed enough.

    Counted per email address, over the sessions recorded since their last follow-up; one open
    follow-up per student. Runs inside the transaction that recorded the attendance.
    """
    email = booking.email.lower()
    if not email:
        return None  # someone added without an email is followed up at school, not by this prompt
    if MissedSessionsFollowUp.objects.filter(email=email, done_at__isnull=True).exists():
        return None
    thresholds = FollowUpSettings.load()
    recorded = Booking.objects.filter(
        email__iexact=email, status__in=[BookingStatus.ATTENDED, BookingStatus.NO_SHOW]
    ).order_by("-session__start")
    last = (
        MissedSessionsFollowUp.objects.filter(email=email, last_booking__isnull=False)
        .order_by("-created_at")
        .values_list("last_booking__session__start", flat=True)
        .first()
    )
    if last is not None:
        recorded = recorded.filter(session__start__gt=last)
    rows = list(recorded.values_list("status", "session__start")[:200])
    in_a_row = next(
        (index for index, (status, _start) in enumerate(rows) if status != BookingStatus.NO_SHOW), len(rows)
    )
    semester = _semester_start(booking.session.start.astimezone(local_zone()).date())
    in_term = sum(
        1
        for status, start in rows
        if status == BookingStatus.NO_SHOW and start.astimezone(local_zone()).date() >= semester
    )
    if in_a_row >= thresholds.missed_in_a_row:
        reason, missed = MissedReason.IN_A_ROW, in_a_row
    elif in_term >= thresholds.missed_in_a_term:
        reason, missed = MissedReason.IN_A_TERM, in_term
    else:
        return None
    follow_up = MissedSessionsFollowUp.objects.create(
        email=email,
        name=booking.name,
        counselor_id=booking.session.counselor_id,
        last_booking=booking,
        reason=reason,
        missed=missed,
        created_at=now,
    )
    booking_email_create(booking, BookingEmailKind.MISSED_SESSIONS)
    return follow_up


def missed_follow_up_done(*, follow_up_id, user, note, now):
    """The counselor has reached out (or tried): the prompt leaves the dashboard."""
    with transaction.atomic():
        follow_up = MissedSessionsFollowUp.objects.select_for_update().get(pk=follow_up_id)
        if follow_up.is_done:
            raise RuleError(_("This follow-up is already done."), code="done")
        follow_up.done_at = now
        follow_up.done_by = user
        follow_up.note = note.strip()
        follow_up.save(update_fields=["done_at", "done_by", "note"])
        log_private(follow_up, "booking.missed_follow_up_done", user=user)
    return follow_up
