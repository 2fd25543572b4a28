import datetime

import factory
import recurrence

from booking.models import (
    Audience,
    Booking,
    BookingStatus,
    Counselor,
    Offering,
    OfferingKind,
    Schedule,
    Session,
    WaitingListEntry,
)
from programs.models import ProgramPage
from tests import clock


class CounselorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counselor

    name = factory.Sequence(lambda n: f"Konselor {n}")
    role = "Konselor BK"
    qualifications = "S.Pd. Bimbingan dan Konseling"


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    program_page = factory.LazyFunction(
        lambda: ProgramPage.objects.get(slug="bimbingan-konseling", locale__language_code="id")
    )
    kind = OfferingKind.GROUP
    slug = factory.Sequence(lambda n: f"kelompok-{n}")
    title = factory.Sequence(lambda n: f"Kelompok {n}")
    title_en = factory.Sequence(lambda n: f"Group {n}")
    description = "Kelompok kecil untuk berlatih bersama."
    audience = Audience.STUDENTS
    duration_minutes = 60
    places_per_session = 3
    location = "Gedung A"
    minimum_notice_hours = 24
    booking_horizon_days = 28
    cancellation_cutoff_hours = 12


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    offering = factory.SubFactory(OfferingFactory)
    recurrences = factory.LazyFunction(
        lambda: recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, byday=[recurrence.MO])])
    )
    start_time = datetime.time(15, 0)
    valid_from = datetime.date(2026, 1, 1)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    offering = factory.SubFactory(OfferingFactory)
    start = factory.LazyFunction(lambda: clock.now() + datetime.timedelta(days=3))
    original_start = factory.LazyAttribute(lambda s: s.start)
    end = factory.LazyAttribute(lambda s: s.start + datetime.timedelta(minutes=s.offering.duration_minutes))
    places = factory.LazyAttribute(lambda s: s.offering.places_per_session)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    name = "Budi"
    email = factory.Sequence(lambda n: f"budi{n}@contoh.id")
    age_group = "18_plus"
    language = "id"
    privacy_notice_version = "2026-11"
    consented_at = factory.LazyFunction(clock.now)

    class Params:
        # A place held until the person confirms it by email (booking.services.holds).
        held = factory.Trait(
            status=BookingStatus.PENDING,
            confirm_by=factory.LazyFunction(lambda: clock.now() + datetime.timedelta(minutes=30)),
        )


class WaitingListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WaitingListEntry

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Sari"
    email = factory.Sequence(lambda n: f"sari{n}@contoh.id")
    age_group = "18_plus"
    language = "id"
    privacy_notice_version = "2026-11"
    consented_at = factory.LazyFunction(clock.now)
