"""The schedule editor: labelled controls in, django-recurrence's value out, and the next dates shown before saving."""

import datetime

import pytest
import recurrence
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.formats import date_format

from booking.admin.schedule_editor import editor_values
from booking.models import Closure, Schedule, Session
from tests import clock
from tests.booking.factories import OfferingFactory

pytestmark = pytest.mark.django_db

NEW = "/admin/booking/schedules/new/"


def next_weekday(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def offering():
    return OfferingFactory(title="Kelompok jurnal", duration_minutes=60)


def editor_data(offering, **overrides):
    data = {
        "offering": offering.pk,
        "start_time": "15:30",
        "end_time": "",
        "valid_from": clock.today().isoformat(),
        "valid_until": "",
        "frequency": "weekly",
        "interval": "1",
        "weekdays": ["1", "3"],
        "extra_dates": ["", ""],
        "excluded_dates": ["", ""],
        "counselor": "",
    }
    data.update(overrides)
    return data


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_control_of_the_editor_has_a_label(admin_client):
    html = page(admin_client.get(NEW))
    assert "recurrence-widget" not in str(html)  # django-recurrence's own widget is gone
    for name in ("frequency", "interval", "start_time", "valid_from", "valid_until"):
        field = html.select_one(f"[name={name}]")
        assert html.select_one(f"label[for={field['id']}]"), name
    weekdays = html.select("input[name=weekdays]")
    assert len(weekdays) == 7
    assert all(html.select_one(f"label[for={box['id']}]").get_text(strip=True) for box in weekdays)
    for name in ("extra_dates", "excluded_dates"):
        rows = html.select(f"input[name={name}]")
        assert len(rows) == 2
        assert all(html.select_one(f"label[for={row['id']}]") for row in rows)


def test_saving_stores_the_rule_and_makes_sessions_at_local_times(
    admin_client, offering, django_capture_on_commit_callbacks
):
    today = clock.today()
    skipped = next_weekday(today + datetime.timedelta(days=7), 1)
    extra = next_weekday(today + datetime.timedelta(days=7), 5)
    data = editor_data(
        offering,
        interval="2",
        extra_dates=[extra.isoformat(), ""],
        excluded_dates=[skipped.strftime("%d/%m/%Y"), ""],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(NEW, data)
    assert response.status_code == 302, page(response).select(".error-message")
    schedule = Schedule.objects.get(offering=offering)
    rule = schedule.recurrences.rrules[0]
    assert (rule.freq, rule.interval, [int(getattr(d, "number", d)) for d in rule.byday]) == (
        recurrence.WEEKLY,
        2,
        [1, 3],
    )
    starts = [timezone.localtime(s.start) for s in Session.objects.filter(schedule=schedule)]
    assert starts and all((start.hour, start.minute) == (15, 30) for start in starts)
    days = {start.date() for start in starts}
    assert extra in days and skipped not in days
    assert {start.weekday() for start in starts} <= {1, 3, 5}


def test_the_preview_lists_the_next_ten_dates_in_local_time_and_saves_nothing(admin_client, offering):
    today = clock.today()
    closed = next_weekday(today + datetime.timedelta(days=1), 1)
    Closure.objects.create(title="Libur", start_date=closed, end_date=closed)
    response = admin_client.post(NEW, editor_data(offering, weekdays=["1"], preview="1"))
    assert response.status_code == 200
    assert not Schedule.objects.exists()
    dates = [li.get_text(" ", strip=True) for li in page(response).select(".schedule-preview__dates li")]
    assert len(dates) == 10
    assert all("15.30–16.30 WIB" in date for date in dates)
    assert all(date.startswith("Selasa, ") for date in dates), dates  # the admin speaks Indonesian here
    with translation.override("id"):
        closed_text = date_format(closed, "j F Y")
    assert not any(closed_text in date for date in dates)
    # What was typed is still in the form.
    assert page(response).select_one("input[name=start_time]")["value"] == "15:30"


def test_mistakes_are_shown_next_to_their_controls(admin_client, offering):
    response = admin_client.post(NEW, editor_data(offering, weekdays=[], extra_dates=["31/02/2026", ""]))
    assert response.status_code == 200
    assert not Schedule.objects.exists()
    html = page(response)
    assert (
        "Centang paling sedikit satu hari."
        in html.select_one("[data-field-wrapper]:has(input[name=weekdays])").get_text()
    )
    assert "“31/02/2026” bukan tanggal" in html.get_text()
    assert html.select_one("input[name=extra_dates]")["value"] == "31/02/2026"  # nothing typed is lost
    only_dates = admin_client.post(NEW, editor_data(offering, frequency="dates", weekdays=[]))
    assert "Tambahkan paling sedikit satu tanggal" in page(only_dates).get_text()


def test_a_stored_rule_is_shown_in_the_editor_with_its_end_folded_into_the_last_day(admin_client, offering):
    schedule = Schedule.objects.create(
        offering=offering,
        recurrences=recurrence.deserialize(
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270301T170000Z\nEXDATE:20261229T170000Z"
        ),
        start_time=datetime.time(9),
        valid_from=datetime.date(2026, 12, 1),
    )
    values, fits = editor_values(schedule.recurrences, None)
    assert fits
    assert (values["frequency"], values["interval"], values["weekdays"]) == ("weekly", 2, ["1", "3"])
    assert values["valid_until"] == datetime.date(2027, 3, 2)
    assert values["excluded_dates"] == [datetime.date(2026, 12, 30)]
    html = page(admin_client.get(f"/admin/booking/schedules/edit/{schedule.pk}/"))
    assert [box["value"] for box in html.select("input[name=weekdays][checked]")] == ["1", "3"]
    assert html.select_one("input[name=interval]")["value"] == "2"
    assert html.select("input[name=excluded_dates]")[0]["value"] == "2026-12-30"
