"""A term of past, fictional activity for the demo site (``load_initial_data --demo``).

Sessions come from the demo offerings' own schedules, so the past looks like the future
will; who booked, came or waited is drawn from a fixed random seed (content/demo/past-term.yaml).
"""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from booking.models import (
    FEEDBACK_ITEMS,
    Booking,
    BookingStatus,
    MissedReason,
    MissedSessionsFollowUp,
    Schedule,
    Session,
    SessionFeedback,
    WaitingListEntry,
    WaitingListStatus,
)
from booking.rules import local_week
from booking.services.scheduling import schedule_occurrences
from buddies.follow_up import check_in_due_at
from buddies.models import (
    BuddyPair,
    BuddyProgram,
    BuddySignup,
    CheckInAnswer,
    EndReason,
    PairCheckIn,
    PairStatus,
)
from staff.models import Term
from support.models import ForWhom, HelpRequest, Outcome, RequestStatus

INVENTED = "contoh.invalid"


def load_past_term(spec, *, peer_page, now):
    """Create the term and its history once; returns how many rows were created (0 if already there)."""
    if Term.objects.filter(name=spec["term"]["name"]).exists():
        return 0
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    first_day = monday - datetime.timedelta(weeks=spec["term"]["weeks_before_today"])
    Term.objects.create(
        name=spec["term"]["name"],
        start_date=first_day,
        end_date=monday + datetime.timedelta(weeks=spec["term"]["weeks_after_today"], days=4),
    )
    rng = random.Random(spec["seed"])
    created = 1 + _past_sessions(spec, rng, first_day=first_day, last_day=today - datetime.timedelta(days=1))
    created += _past_help_requests(
        spec, rng, first_day=first_day, last_day=today - datetime.timedelta(days=1)
    )
    return created + _past_buddy_pairs(
        spec["buddy_program"],
        rng,
        answers=spec["check_in_answers"],
        peer_page=peer_page,
        first_day=first_day,
        now=now,
    )


def _past_help_requests(spec, rng, *, first_day, last_day):
    """Requests and reports of past weeks, already closed: counts for the Reports page, nothing to read."""
    zone = timezone.get_current_timezone()
    rows, received_at = [], []
    day = first_day
    while day <= last_day:
        for kind, per_week in (
            ("request", spec["help_requests_per_week"]),
            ("report", spec["reports_per_week"]),
        ):
            for _number in range(rng.randint(*per_week)):
                received = datetime.datetime.combine(
                    day + datetime.timedelta(days=rng.randint(0, 4)), datetime.time(rng.randint(7, 14)), zone
                )
                if received.date() > last_day:
                    continue
                answered = received + datetime.timedelta(hours=rng.randint(*spec["first_response_hours"]))
                rows.append(
                    HelpRequest(
                        kind=kind,
                        for_whom=ForWhom.MYSELF,
                        is_anonymous=kind == "report",
                        language="id",
                        status=RequestStatus.CLOSED,
                        outcome=Outcome.HANDLED_BY_TEAM if kind == "report" else Outcome.BOOKED,
                        first_response_at=answered,
                        closed_at=answered + datetime.timedelta(days=7),
                    )
                )
                received_at.append(received)
        day += datetime.timedelta(days=7)
    created = HelpRequest.objects.bulk_create(rows)
    for row, received in zip(created, received_at, strict=True):  # created_at is set on insert
        HelpRequest.objects.filter(pk=row.pk).update(created_at=received)
    return len(created)


def _person(number, rng):
    age_group = rng.choice(["13_15", "16_17", "18_plus"])
    minor = age_group != "18_plus"
    return {
        "name": f"Murid contoh {number}",
        "email": f"murid{number}@{INVENTED}",
        "age_group": age_group,
        "guardian_name": "Wali contoh" if minor else "",
        "guardian_contact": f"wali{number}@{INVENTED}" if minor else "",
        "guardian_consent": minor,
        "language": "id",
        "privacy_notice_version": settings.RANGKUL_PRIVACY_NOTICE_VERSION,
    }


def _past_sessions(spec, rng, *, first_day, last_day):
    created = 0
    people = iter(range(1, 100000))
    for schedule in Schedule.objects.select_related("offering").order_by("pk"):
        # The demo schedules start today; their rule is the same for the weeks before.
        Schedule.objects.filter(pk=schedule.pk).update(valid_from=first_day)
        schedule.valid_from = first_day
        for start, end in schedule_occurrences(
            schedule, first_day=first_day, last_day=last_day, closed=set()
        ):
            session = Session.objects.create(
                offering=schedule.offering,
                schedule=schedule,
                original_start=start,
                start=start,
                end=end,
                counselor=schedule.counselor,
                places=schedule.offering.places_per_session,
            )
            booked = round(session.places * rng.uniform(*spec["booked_share"]))
            # The last few days' attendance is still to be recorded, as on a real site.
            recorded = start.date() < last_day - datetime.timedelta(days=spec["unrecorded_days"])
            bookings = []
            for _place in range(booked):
                roll = rng.random()
                if not recorded and roll >= spec["cancelled_share"]:
                    status = BookingStatus.CONFIRMED
                elif roll < spec["cancelled_share"]:
                    status = BookingStatus.CANCELLED
                elif roll < spec["cancelled_share"] + spec["no_show_share"]:
                    status = BookingStatus.NO_SHOW
                else:
                    status = BookingStatus.ATTENDED
                bookings.append(
                    Booking(
                        session=session,
                        status=status,
                        consented_at=start - datetime.timedelta(days=3),
                        **_person(next(people), rng),
                    )
                )
            Booking.objects.bulk_create(bookings)
            created += 1 + len(bookings) + _past_follow_up(spec, rng, session, bookings)
            if booked >= session.places and not schedule.offering.is_individual:
                created += _past_waiting_list(spec, rng, session, people)
    return created


def _past_follow_up(spec, rng, session, bookings):
    """Anonymous feedback from some who came, and follow-ups after some no-shows (invented)."""
    feedback = [
        SessionFeedback(
            offering=session.offering,
            counselor=session.counselor,
            week=local_week(session.start),
            **{code: rng.randint(*spec["feedback_scores"]) for code, _label in FEEDBACK_ITEMS},
        )
        for booking in bookings
        if booking.status == BookingStatus.ATTENDED and rng.random() < spec["feedback_share"]
    ]
    SessionFeedback.objects.bulk_create(feedback)
    follow_ups = []
    for booking in bookings:
        if booking.status != BookingStatus.NO_SHOW or rng.random() >= spec["follow_up_share"]:
            continue
        raised = session.end + datetime.timedelta(hours=2)
        done = rng.random() < spec["follow_up_done_share"]
        follow_ups.append(
            MissedSessionsFollowUp(
                email=booking.email,
                name=booking.name,
                counselor=session.counselor,
                last_booking=booking,
                reason=MissedReason.IN_A_ROW,
                missed=2,
                created_at=raised,
                done_at=raised + datetime.timedelta(days=2) if done else None,
            )
        )
    MissedSessionsFollowUp.objects.bulk_create(follow_ups)
    return len(feedback) + len(follow_ups)


def _past_check_ins(pair, rng, answers, *, until):
    """Both students' answers to each check-in round due before ``until``."""
    rows, round_number = [], 1
    while (due := check_in_due_at(pair, round_number)) is not None and due <= until:
        for student in (pair.buddy, pair.mentee):
            roll, answer = rng.random(), ""
            for choice, share in zip(CheckInAnswer.values, answers, strict=True):
                if roll < share:
                    answer = choice
                    break
                roll -= share
            rows.append(
                PairCheckIn(
                    pair=pair,
                    signup=student,
                    round=round_number,
                    sent_at=due,
                    answer=answer,
                    answered_at=due + datetime.timedelta(hours=5) if answer else None,
                )
            )
        round_number += 1
    PairCheckIn.objects.bulk_create(rows)
    return len(rows)


def _past_waiting_list(spec, rng, session, people):
    entries = [
        WaitingListEntry(
            session=session,
            position=position,
            status=WaitingListStatus.BOOKED
            if rng.random() < spec["waiting_got_a_place_share"]
            else WaitingListStatus.EXPIRED,
            consented_at=session.start - datetime.timedelta(days=2),
            **_person(next(people), rng),
        )
        for position in range(1, rng.randint(*spec["waiting_per_full_session"]) + 1)
    ]
    WaitingListEntry.objects.bulk_create(entries)
    return len(entries)


def _past_buddy_pairs(spec, rng, *, answers, peer_page, first_day, now):
    if BuddyProgram.objects.filter(slug=spec["slug"]).exists():
        return 0
    zone = timezone.get_current_timezone()
    program = BuddyProgram.objects.create(
        program_page=peer_page,
        kind=spec["kind"],
        slug=spec["slug"],
        title=spec["title"],
        title_en=spec["title_en"],
        description=spec["description"],
        description_en=spec["description_en"],
        starts_on=first_day,
        ends_on=first_day + datetime.timedelta(weeks=18),
        signup_opens=datetime.datetime.combine(
            first_day - datetime.timedelta(weeks=3), datetime.time(8), zone
        ),
        signup_closes=datetime.datetime.combine(
            first_day - datetime.timedelta(days=1), datetime.time(16), zone
        ),
        mentees_per_buddy=spec["mentees_per_buddy"],
        mentee_year_min=spec["mentee_years"][0],
        mentee_year_max=spec["mentee_years"][1],
        buddy_year_min=spec["buddy_years"][0],
        buddy_year_max=spec["buddy_years"][1],
    )
    created = 1
    for buddy_name, mentee_name, began_week, ended_week in spec["pairs"]:
        signups = {}
        for side, first_name, year in (("buddy", buddy_name, 11), ("mentee", mentee_name, 8)):
            signups[side] = BuddySignup.objects.create(
                program=program,
                side=side,
                first_name=first_name,
                school_class=f"{year}A",
                year=year,
                email=f"{first_name.lower()}.{program.pk}@{INVENTED}",
                age_group="13_15" if side == "mentee" else "16_17",
                guardian_name="Wali contoh",
                guardian_contact=f"wali.{first_name.lower()}@{INVENTED}",
                guardian_consent=True,
                training_completed=side == "buddy",
                approved=side == "buddy",
                language="id",
                privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
                consented_at=now,
            )
        began = datetime.datetime.combine(
            first_day + datetime.timedelta(weeks=began_week), datetime.time(9), zone
        )
        ended = (
            datetime.datetime.combine(
                first_day + datetime.timedelta(weeks=ended_week), datetime.time(9), zone
            )
            if ended_week
            else None
        )
        pair = BuddyPair.objects.create(
            program=program,
            buddy=signups["buddy"],
            mentee=signups["mentee"],
            status=PairStatus.ENDED if ended else PairStatus.ACTIVE,
            activated_at=began,
            ended_at=ended,
            end_reason=EndReason.ASKED if ended else "",
        )
        created += 3 + _past_check_ins(pair, rng, answers, until=ended or now)
    return created
