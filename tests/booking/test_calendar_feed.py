"""A counselor's calendar feed: their own sessions in WIB, cancelled ones marked, no names unless turned on."""

import datetime

import pytest
from icalendar import Calendar

from booking.models import BookingStatus, CalendarFeedSettings, SessionStatus
from booking.services import feeds
from core.logging import mask_tokens
from staff.roles import COORDINATOR, COUNSELOR, EDITORS
from tests import clock
from tests.booking.factories import BookingFactory, CounselorFactory, OfferingFactory, SessionFactory
from tests.staff.test_permission_matrix import refused
from tests.staff.test_roles import staff_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_counselors(django_user_model):
    offering = OfferingFactory(title="Konseling individu", places_per_session=3, location="Ruang BK lantai 2")
    world = {}
    for letter, days in (("A", 2), ("B", 3)):
        user, client = staff_client(django_user_model, f"konselor{letter}", COUNSELOR)
        counselor = CounselorFactory(name=f"Konselor {letter}", user=user)
        start = (clock.now() + datetime.timedelta(days=days)).replace(microsecond=0)
        session = SessionFactory(offering=offering, counselor=counselor, start=start, original_start=start)
        BookingFactory(session=session, name=f"Rahasia{letter} Murid", status=BookingStatus.CONFIRMED)
        world[letter] = {"user": user, "client": client, "session": session}
    return world


def feed_of(client, user):
    token = feeds.feed_for(user).token
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_a_counselors_feed_holds_their_own_sessions_in_wib_without_names(two_counselors, client):
    world = two_counselors
    calendar = feed_of(client, world["A"]["user"])
    (event,) = events(calendar).values()
    session = world["A"]["session"]
    assert str(event["uid"]) == f"session-{session.pk}@rangkul"
    assert event.decoded("dtstart") == session.start
    assert event["dtstart"].params["TZID"] == "Asia/Jakarta" and calendar.walk("VTIMEZONE")
    assert str(event["summary"]) == "Konseling individu" and str(event["location"]) == "Ruang BK lantai 2"
    assert "1 dari 3 tempat terisi" in str(event["description"])
    assert b"Rahasia" not in client.get(f"/calendar/{feeds.feed_for(world['A']['user']).token}.ics").content
    # The same UID on every fetch, and a cancelled session stays, marked cancelled.
    session.status = SessionStatus.CANCELLED
    session.save()
    again = events(feed_of(client, world["A"]["user"]))
    assert str(again[f"session-{session.pk}@rangkul"]["status"]) == "CANCELLED"


def test_names_show_only_when_the_coordinator_turns_them_on(two_counselors, client):
    settings = CalendarFeedSettings.load()
    settings.show_names = True
    settings.save()
    (event,) = events(feed_of(client, two_counselors["A"]["user"])).values()
    assert "RahasiaA" in str(event["description"]) and "Murid" not in str(event["description"])


def test_a_coordinators_feed_holds_every_session_and_an_editor_has_none(
    two_counselors, client, django_user_model
):
    coordinator, _coordinator_client = staff_client(django_user_model, "koordinator", COORDINATOR)
    assert len(events(feed_of(client, coordinator))) == 2
    editor, editor_client = staff_client(django_user_model, "editor", EDITORS)
    assert refused(editor_client.get("/admin/booking/my-calendar/"))
    assert client.get(f"/calendar/{feeds.feed_for(editor).token}.ics").status_code == 404


def test_a_new_address_stops_the_old_one_and_the_page_asks_first(two_counselors, client):
    world = two_counselors["A"]
    page = world["client"].get("/admin/booking/my-calendar/").content.decode()
    old = feeds.feed_for(world["user"]).token
    assert f"/calendar/{old}.ics" in page and "webcal://" in page
    assert world["client"].post("/admin/booking/my-calendar/", {}).status_code == 400
    assert feeds.feed_for(world["user"]).token == old
    world["client"].post("/admin/booking/my-calendar/", {"confirm": "on"})
    new = feeds.feed_for(world["user"]).token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    # Someone who is no longer a counselor gets nothing from an address they kept.
    world["user"].groups.clear()
    assert client.get(f"/calendar/{new}.ics").status_code == 404


def test_the_feed_is_rate_limited_and_its_address_masked_in_logs(two_counselors, client, clock_stopped):
    token = feeds.feed_for(two_counselors["A"]["user"]).token
    statuses = [client.get(f"/calendar/{token}.ics").status_code for _ in range(121)]
    assert set(statuses[:120]) == {200} and statuses[120] == 429
    assert (
        mask_tokens(f'"GET /calendar/{token}.ics HTTP/1.1" 200') == '"GET /calendar/[token].ics HTTP/1.1" 200'
    )
