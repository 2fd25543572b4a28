"""More data than the starter content: offerings with weekly schedules and their sessions."""

import recurrence

from booking.models import Counselor, Offering, OfferingKind, Schedule
from booking.scheduling import sessions_generate
from programs.models import ProgramPage

WEEKDAYS = [recurrence.MO, recurrence.TU, recurrence.WE, recurrence.TH, recurrence.FR]


def add_offerings(count, *, now):
    """``count`` more offerings spread over the program pages, each with a weekly group schedule."""
    pages = list(ProgramPage.objects.filter(locale__language_code="id").order_by("path"))
    counselor = Counselor.objects.order_by("pk").first()
    schedules = []
    for number in range(count):
        offering = Offering.objects.create(
            program_page=pages[number % len(pages)],
            kind=OfferingKind.GROUP,
            slug=f"kelompok-bench-{number}",
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
    sessions_generate(now=now, schedules=Schedule.objects.filter(pk__in=[s.pk for s in schedules]))
