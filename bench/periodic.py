"""The periodic run at a busy school's scale: 1,000 active buddy pairs due a check-in and 5,000
attended sessions due a feedback link, on the bench's SQLite database with production settings.

Prints the time and the queries per item of each kind: the run's cost must grow with the items
it sends, by a fixed number of queries each, and a second run (nothing left to send) stays small.
"""

import datetime
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.queries import counting  # noqa: E402
from booking.models import Booking, BookingStatus, Offering, Session  # noqa: E402
from buddies.models import BuddyPair, BuddyProgram, BuddySignup, PairStatus, Side  # noqa: E402
from core.localtime import local_zone  # noqa: E402
from core.periodic import run_due  # noqa: E402
from programs.models import ProgramPage  # noqa: E402

PAIRS = 1_000
SESSIONS = 5_000


def people(model, count, **fields):
    return [
        model(
            email=f"p{number}.{fields.get('side', 'booking')}@bench.invalid",
            age_group="18_plus",
            language="id",
            privacy_notice_version=settings.RANGKUL_PRIVACY_NOTICE_VERSION,
            **fields,
        )
        for number in range(count)
    ]


def setting_up(now):
    call_command("migrate", verbosity=0)
    call_command("load_initial_data", verbosity=0)
    page = ProgramPage.objects.filter(locale__language_code="id").first()
    today = now.astimezone(local_zone()).date()
    program = BuddyProgram.objects.create(
        program_page=page,
        kind="new_student",
        slug="bench",
        title="Bench",
        description="Bench",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=200),
        signup_opens=now - datetime.timedelta(days=60),
        signup_closes=now - datetime.timedelta(days=31),
    )
    signups = {}
    for side, year in ((Side.BUDDY, 9), (Side.MENTEE, 7)):
        signups[side] = BuddySignup.objects.bulk_create(
            people(
                BuddySignup,
                PAIRS,
                program=program,
                side=side,
                first_name="P",
                school_class=f"{year}A",
                year=year,
                consented_at=now,
            )
        )
    BuddyPair.objects.bulk_create(
        BuddyPair(
            program=program,
            buddy=buddy,
            mentee=mentee,
            status=PairStatus.ACTIVE,
            activated_at=now - datetime.timedelta(days=14, hours=1),
        )
        for buddy, mentee in zip(signups[Side.BUDDY], signups[Side.MENTEE], strict=True)
    )
    offering = Offering.objects.create(
        program_page=page,
        kind="individual",
        slug="bench",
        title="Bench",
        audience="students",
        asks_feedback=True,
    )
    yesterday = datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(7), local_zone())
    sessions = Session.objects.bulk_create(
        Session(
            offering=offering,
            original_start=yesterday + datetime.timedelta(seconds=number),
            start=yesterday + datetime.timedelta(seconds=number),
            end=yesterday + datetime.timedelta(seconds=number, minutes=45),
            places=1,
        )
        for number in range(SESSIONS)
    )
    rows = people(Booking, SESSIONS, name="P", status=BookingStatus.ATTENDED, consented_at=now)
    for booking, session in zip(rows, sessions, strict=True):
        booking.session = session
    Booking.objects.bulk_create(rows)


def main():
    zone = local_zone()
    # Nine in the morning WIB today: feedback links go out from eight.
    now = datetime.datetime.combine(timezone.now().astimezone(zone).date(), datetime.time(9), zone)
    setting_up(now)
    with counting() as queries:
        started = time.perf_counter()
        done = run_due(now=now)
        seconds = time.perf_counter() - started
    with counting() as again:
        repeated = run_due(now=now)
    items = {"check-ins": done["check_ins_sent"], "feedback links": done["feedback_requests"]}
    print(
        json.dumps(
            {
                "periodic_seconds": seconds,
                "pairs": PAIRS,
                "sessions": SESSIONS,
                "sent": items,
                "queries": len(queries),
                "queries_per_item": len(queries) / max(sum(items.values()), 1),
                "second_run_queries": len(again),
                "second_run_sent": sum(repeated.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
