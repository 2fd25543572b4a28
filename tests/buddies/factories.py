import datetime

import factory

from buddies.models import BuddyProgram, BuddySignup, Side
from programs.models import ProgramPage
from tests import clock


class BuddyProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddyProgram

    program_page = factory.LazyFunction(
        lambda: ProgramPage.objects.get(slug="dukungan-teman-sebaya", locale__language_code="id")
    )
    kind = "new_student"
    slug = factory.Sequence(lambda n: f"buddy-{n}")
    title = factory.Sequence(lambda n: f"Sistem Buddy {n}")
    title_en = factory.Sequence(lambda n: f"Buddy System {n}")
    description = "Siswa baru didampingi kakak kelas."
    description_en = "New students get an older buddy."
    starts_on = factory.LazyFunction(lambda: clock.today() + datetime.timedelta(days=14))
    ends_on = factory.LazyAttribute(lambda p: p.starts_on + datetime.timedelta(days=90))
    signup_opens = factory.LazyFunction(lambda: clock.now() - datetime.timedelta(days=1))
    signup_closes = factory.LazyFunction(lambda: clock.now() + datetime.timedelta(days=10))
    mentee_places = 10
    buddy_places = 5
    mentees_per_buddy = 1
    mentee_year_min = 7
    mentee_year_max = 7
    buddy_year_min = 8
    buddy_year_max = 9


class BuddySignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddySignup

    program = factory.SubFactory(BuddyProgramFactory)
    side = Side.MENTEE
    first_name = factory.Sequence(lambda n: f"Siswa{n}")
    email = factory.Sequence(lambda n: f"siswa{n}@contoh.id")
    school_class = "7A"
    year = 7
    age_group = "18_plus"
    languages = factory.LazyFunction(lambda: ["id"])
    interests = factory.LazyFunction(list)
    free_periods = factory.LazyFunction(lambda: ["lunch"])
    language = "id"
    privacy_notice_version = "2026-11"
    consented_at = factory.LazyFunction(clock.now)
