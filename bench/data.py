"""More data than the starter content: offerings with weekly schedules and their sessions."""

import recurrence

from booking.models import Counselor, Offering, OfferingKind, Schedule
from booking.services.scheduling import sessions_generate
from programs.models import ProgramPage

WEEKDAYS = [recurrence.MO, recurrence.TU, recurrence.WE, recurrence.TH, recurrence.FR]


def add_offerings(count, *, now, generate=True):
    """``count`` more offerings spread over the program pages, each with a weekly group schedule.

    Returns the new schedules; their sessions are generated unless ``generate`` is False.
    """
    pages = list(ProgramPage.objects.filter(locale__language_code="id").order_by("path"))
    counselor = Counselor.objects.order_by("pk").first()
    schedules = []
    for number in range(count):
        offering = Offering.objects.create(
            program_page=pages[number % len(pages)],
            kind=OfferingKind.GROUP,
            slug=f"kelompok-bench-{Offering.objects.count()}",
            title=f"Kelompok {number}",
            title_en=f"Group {number}",
            description="Kelompok kecil untuk berlatih bersama.",
            audience="students",
            duration_minutes=60,
            places_per_session=8,
            location="Gedung A",
        )
        offering.counselors.add(counselor)
        schedules.append(
            Schedule(
                offering=offering,
                recurrences=recurrence.Recurrence(
                    rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[WEEKDAYS[number % 5]])]
                ),
                start_time=f"{8 + number % 8:02d}:00",
                valid_from=now.date(),
            )
        )
    Schedule.objects.bulk_create(schedules)
    created = Schedule.objects.filter(pk__in=[schedule.pk for schedule in schedules])
    if generate:
        sessions_generate(now=now, schedules=created)
    return created
