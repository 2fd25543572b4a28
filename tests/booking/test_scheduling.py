import datetime
from zoneinfo import ZoneInfo

import pytest
import recurrence

from booking.models import Closure, Session, SessionStatus
from booking.services.scheduling import sessions_generate
from tests.booking.factories import BookingFactory, OfferingFactory, ScheduleFactory

from .conftest import local

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def weekly(*days, until=None, exdates=(), rdates=(), interval=1):
    return recurrence.Recurrence(
        rrules=[recurrence.Rule(recurrence.WEEKLY, interval=interval, byday=list(days), until=until)],
        exdates=list(exdates),
        rdates=list(rdates),
    )


def starts(schedule):
    return [s.start for s in Session.objects.filter(schedule=schedule).order_by("start")]


def test_weekly_rule_becomes_sessions_at_the_local_start_time(now):
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU), start_time=datetime.time(15, 0))
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=3))
    assert starts(schedule) == [local(2026, 12, 1, 15), local(2026, 12, 8, 15), local(2026, 12, 15, 15)]
    session = Session.objects.filter(schedule=schedule).first()
    assert session.end - session.start == datetime.timedelta(minutes=60)
    assert session.places == 3


def test_generation_is_idempotent(now):
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU, recurrence.TH))
    first = sessions_generate(now=now)
    ids = sorted(Session.objects.filter(schedule=schedule).values_list("pk", flat=True))
    second = sessions_generate(now=now)
    assert len(ids) == 24  # twelve weeks, twice a week
    assert first.created >= 24
    assert (second.created, second.updated, second.removed) == (0, 0, 0)
    assert sorted(Session.objects.filter(schedule=schedule).values_list("pk", flat=True)) == ids


def test_wall_clock_time_survives_daylight_saving(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    amsterdam = ZoneInfo("Europe/Amsterdam")
    now = datetime.datetime(2026, 10, 19, 8, 0, tzinfo=UTC)
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU), start_time=datetime.time(18, 30))
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=2))
    before, after = Session.objects.filter(schedule=schedule).order_by("start")
    assert (
        before.start.astimezone(amsterdam).time()
        == after.start.astimezone(amsterdam).time()
        == datetime.time(18, 30)
    )
    # Summer time ends on 25 October 2026: the same wall-clock time is an hour later in UTC.
    assert before.start.astimezone(UTC).hour == 16
    assert after.start.astimezone(UTC).hour == 17


def test_a_date_excluded_in_a_jakarta_browser_removes_that_days_session(now):
    # "Tuesday 8 December" picked in Jakarta is stored as local midnight in UTC.
    picked = datetime.datetime(2026, 12, 7, 17, 0, tzinfo=UTC)
    schedule = ScheduleFactory(
        recurrences=weekly(recurrence.TU, exdates=[picked]), start_time=datetime.time(18, 30)
    )
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=3))
    assert starts(schedule) == [local(2026, 12, 1, 18, 30), local(2026, 12, 15, 18, 30)]


def test_until_picked_in_the_browser_keeps_the_last_day(now):
    until = datetime.datetime(2026, 12, 7, 17, 0, tzinfo=UTC)  # 8 December, Jakarta midnight
    schedule = ScheduleFactory(
        recurrences=weekly(recurrence.TU, until=until), start_time=datetime.time(18, 30)
    )
    sessions_generate(now=now)
    assert starts(schedule) == [local(2026, 12, 1, 18, 30), local(2026, 12, 8, 18, 30)]


def test_an_added_date_gets_a_session_at_the_schedules_start_time(now):
    extra = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=UTC)  # Friday 4 December
    schedule = ScheduleFactory(
        recurrences=weekly(recurrence.TU, rdates=[extra]), start_time=datetime.time(15, 0)
    )
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=1))
    assert starts(schedule) == [local(2026, 12, 1, 15), local(2026, 12, 4, 15)]


def test_fortnightly_rule_and_last_day(now):
    schedule = ScheduleFactory(
        recurrences=weekly(recurrence.SA, interval=2),
        valid_from=datetime.date(2026, 12, 5),
        valid_until=datetime.date(2027, 1, 2),
    )
    sessions_generate(now=now)
    assert [s.date() for s in starts(schedule)] == [
        datetime.date(2026, 12, 5),
        datetime.date(2026, 12, 19),
        datetime.date(2027, 1, 2),
    ]


def test_individual_window_is_cut_into_slots(now):
    offering = OfferingFactory(kind="individual", places_per_session=1, duration_minutes=45)
    schedule = ScheduleFactory(
        offering=offering,
        recurrences=weekly(recurrence.TU),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
    )
    sessions_generate(now=now, until=now + datetime.timedelta(days=2))
    assert starts(schedule) == [local(2026, 12, 1, 13, 0), local(2026, 12, 1, 13, 45)]


def test_closures_remove_sessions(now):
    Closure.objects.create(
        title="Ujian akhir semester",
        start_date=datetime.date(2026, 12, 7),
        end_date=datetime.date(2026, 12, 11),
    )
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU))
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=3))
    assert [s.date() for s in starts(schedule)] == [datetime.date(2026, 12, 1), datetime.date(2026, 12, 15)]


def test_a_rule_change_never_deletes_a_booked_session_it_flags_it(now):
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU))
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=2))
    booked, unbooked = Session.objects.filter(schedule=schedule).order_by("start")
    BookingFactory(session=booked)

    schedule.recurrences = weekly(recurrence.WE)
    schedule.save()
    result = sessions_generate(now=now, until=now + datetime.timedelta(weeks=2))

    booked.refresh_from_db()
    assert booked.needs_attention and booked.status == SessionStatus.SCHEDULED
    assert result.flagged == [booked.pk]
    assert not Session.objects.filter(pk=unbooked.pk).exists()
    assert [s.date() for s in starts(schedule) if s != booked.start] == [
        datetime.date(2026, 12, 2),
        datetime.date(2026, 12, 9),
    ]


def test_staff_changes_survive_regeneration(now):
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU))
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=1))
    session = Session.objects.get(schedule=schedule)
    moved = session.start + datetime.timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(
        start=moved, end=moved + datetime.timedelta(hours=1), places=9, is_overridden=True
    )

    sessions_generate(now=now, until=now + datetime.timedelta(weeks=1))

    session.refresh_from_db()
    assert (session.start, session.places) == (moved, 9)
    assert Session.objects.filter(schedule=schedule).count() == 1


def test_past_sessions_are_left_alone(now):
    schedule = ScheduleFactory(recurrences=weekly(recurrence.TU))
    sessions_generate(now=now, until=now + datetime.timedelta(weeks=1))
    later = now + datetime.timedelta(days=3)
    schedule.recurrences = weekly(recurrence.WE)
    schedule.save()
    sessions_generate(now=later, until=later + datetime.timedelta(weeks=1))
    assert Session.objects.filter(schedule=schedule, start=local(2026, 12, 1, 15)).exists()
