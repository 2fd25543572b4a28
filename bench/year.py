"""A busy school's year, built with the project's own models: offerings with weekly sessions from
term start to six weeks ahead, their bookings (past ones attended, missed or cancelled), the
confirmation emails sent, full sessions with waiting lists, and buddy programs with sign-ups
and pairs. ``scale`` multiplies every count: 1 is a year (about 21,000 bookings), 10 is ten.
"""

import datetime

from django.conf import settings

from bench.data import add_offerings
from booking.models import Booking, BookingEmail, BookingStatus, Counselor, Session, WaitingListEntry
from buddies.models import (
    BuddyPair,
    BuddyProgram,
    BuddySignup,
    FreePeriod,
    Interest,
    Language,
    PairStatus,
    Side,
)
from core.localtime import local_zone
from core.models import OutboxStatus
from programs.models import ProgramPage

OFFERINGS = 200
WEEKS_PAST = 20
WEEKS_AHEAD = 6
BOOKINGS_PER_SESSION = 4
STUDENTS = 1_500
SIGNUPS = 1_000
PAIRS = 200
PLACES = 8


def _person(number, now):
    return {
        "name": f"Siswa {number}",
        "email": f"siswa{number}@bench.invalid",
        "school_class": f"{7 + number % 6}{'ABCD'[number % 4]}",
        "age_group": "13_15",
        "guardian_name": "Orang tua",
        "guardian_contact": f"ortu{number}@bench.invalid",
        "guardian_consent": True,
        "language": "id",
        "privacy_notice_version": settings.RANGKUL_PRIVACY_NOTICE_VERSION,
        "consented_at": now,
    }


def sessions_for_the_year(schedules, *, now):
    zone = local_zone()
    # A counselor leads about ten groups: a school with 200 offerings has some twenty of them.
    counselors = Counselor.objects.bulk_create(
        Counselor(name=f"Konselor {number}", role="Konselor") for number in range(len(schedules) // 10 or 1)
    )
    monday = now.astimezone(zone).date() - datetime.timedelta(days=now.astimezone(zone).weekday())
    sessions = []
    for number, schedule in enumerate(schedules):
        for week in range(-WEEKS_PAST, WEEKS_AHEAD):
            day = monday + datetime.timedelta(weeks=week, days=number % 5)
            start = datetime.datetime.combine(day, schedule.start_time, zone)
            sessions.append(
                Session(
                    offering_id=schedule.offering_id,
                    schedule=schedule,
                    original_start=start,
                    start=start,
                    end=start + datetime.timedelta(hours=1),
                    counselor=counselors[number % len(counselors)],
                    places=PLACES,
                )
            )
    return Session.objects.bulk_create(sessions, batch_size=2000)


def bookings_and_waiting_lists(sessions, *, now, scale):
    bookings, waiting = [], []
    student = 0
    for index, session in enumerate(sessions):
        full = session.start > now and index % 10 == 0
        for _place in range(PLACES if full else BOOKINGS_PER_SESSION):
            student += 1
            if session.start < now:
                # Eight in ten came; of the rest, half did not come and half cancelled.
                status = BookingStatus.ATTENDED
                if student % 10 >= 8:
                    status = (BookingStatus.NO_SHOW, BookingStatus.CANCELLED)[student % 2]
            else:
                status = (
                    BookingStatus.CANCELLED if student % 10 == 9 and not full else BookingStatus.CONFIRMED
                )
            bookings.append(
                Booking(
                    session=session,
                    status=status,
                    cancelled_at=now if status == BookingStatus.CANCELLED else None,
                    **_person(student % (STUDENTS * scale), now),
                )
            )
        if full:
            waiting += [
                WaitingListEntry(
                    session=session, position=place + 1, **_person(STUDENTS * scale + place, now)
                )
                for place in range(3)
            ]
    bookings = Booking.objects.bulk_create(bookings, batch_size=2000)
    WaitingListEntry.objects.bulk_create(waiting, batch_size=2000)
    BookingEmail.objects.bulk_create(
        (
            BookingEmail(
                booking=booking, kind="confirmation", status=OutboxStatus.SENT, attempts=1, sent_at=now
            )
            for booking in bookings
        ),
        batch_size=2000,
    )
    return bookings, waiting


def buddy_program(number, *, page, now):
    """One program's sign-ups (half buddies, half students asking for one) and its active pairs."""
    today = now.astimezone(local_zone()).date()
    program = BuddyProgram.objects.create(
        program_page=page,
        kind="new_student",
        slug=f"bench-tahun-{number}",
        title=f"Teman baru {number}",
        description="Kakak kelas menemani siswa baru.",
        starts_on=today + datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=200),
        signup_opens=now - datetime.timedelta(days=30),
        signup_closes=now + datetime.timedelta(days=3),
        mentee_places=SIGNUPS,
        buddy_places=SIGNUPS,
    )
    languages, interests, periods = Language.values, Interest.values, FreePeriod.values
    signups = BuddySignup.objects.bulk_create(
        (
            BuddySignup(
                program=program,
                side=Side.BUDDY if person % 2 else Side.MENTEE,
                first_name=f"Teman {person}",
                email=f"teman{number}.{person}@bench.invalid",
                school_class=f"{10 if person % 2 else 7}{'ABCD'[person % 4]}",
                year=10 if person % 2 else 7,
                languages=[languages[person % len(languages)]],
                interests=[interests[person % len(interests)], interests[(person // 3) % len(interests)]],
                free_periods=[periods[person % len(periods)]],
                approved=True,
                training_completed=True,
                age_group="13_15",
                guardian_name="Orang tua",
                guardian_contact=f"ortu.teman{number}.{person}@bench.invalid",
                guardian_consent=True,
                language="id",
                privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
                consented_at=now,
            )
            for person in range(SIGNUPS)
        ),
        batch_size=2000,
    )
    buddies = [signup for signup in signups if signup.side == Side.BUDDY][:PAIRS]
    mentees = [signup for signup in signups if signup.side == Side.MENTEE][:PAIRS]
    BuddyPair.objects.bulk_create(
        BuddyPair(program=program, buddy=buddy, mentee=mentee, status=PairStatus.ACTIVE, activated_at=now)
        for buddy, mentee in zip(buddies, mentees, strict=True)
    )
    return program


def build(*, now, scale=1):
    """The year's data on top of the starter content; the counts made, for the results."""
    schedules = list(add_offerings(OFFERINGS * scale, now=now, generate=False))
    sessions = sessions_for_the_year(schedules, now=now)
    bookings, waiting = bookings_and_waiting_lists(sessions, now=now, scale=scale)
    page = ProgramPage.objects.filter(locale__language_code="id").order_by("path").first()
    # A program is a school's intake: ten times the data is ten programs of a thousand, not one of ten thousand.
    programs = [buddy_program(number, page=page, now=now) for number in range(scale)]
    return {
        "offerings": len(schedules),
        "sessions": len(sessions),
        "bookings": len(bookings),
        "waiting": len(waiting),
        "signups": SIGNUPS * scale,
        "program": programs[0].pk,
        "program_slug": programs[0].slug,
    }
