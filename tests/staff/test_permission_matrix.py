"""Every admin address Wagtail and our hooks register for a person's records, for every role.

The addresses are read from the URL configuration, not listed by hand: a view added by a
Wagtail upgrade or by a new hook is walked as soon as it exists. Counselor A and an editor
must never read counselor B's people (by GET or POST, and nothing of B's changes); a
coordinator reads them where the role's permissions allow.
"""

import datetime
import re

import pytest
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.viewsets import viewsets

from booking.models import (
    Booking,
    BookingEmail,
    BookingEmailKind,
    MissedSessionsFollowUp,
    Session,
    SessionFeedback,
    WaitingListEntry,
)
from booking.services import bookings
from buddies.models import BuddyEmail, BuddyEmailKind, BuddyPair, BuddyProgram, BuddySignup, Side
from core.admin_access import ROW_RULES, OwnRowsViewSet
from staff.roles import COORDINATOR, COUNSELOR, DATA_PROTECTION_OFFICER, EDITORS
from tests import clock
from tests.booking.factories import (
    BookingFactory,
    CounselorFactory,
    OfferingFactory,
    SessionFactory,
    WaitingListEntryFactory,
)
from tests.buddies.factories import BuddyProgramFactory, BuddySignupFactory
from tests.staff.test_roles import staff_client

pytestmark = pytest.mark.django_db

# Values for the route's other parts, where a view takes more than the row's key.
OTHER_ARGUMENTS = {"action": ["activate", "end"]}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def person_viewsets():
    get_resolver().resolve("/admin/")  # Loading the admin's URLs registers its viewsets.
    return [viewset for viewset in viewsets.viewsets if isinstance(viewset, OwnRowsViewSet)]


# Rangkul's own screens of people's records outside a viewset's address.
OWN_SCREENS = {
    "admin/booking/missed-sessions/": MissedSessionsFollowUp,
    "admin/booking/feedback/": SessionFeedback,
    "admin/booking/my-calendar/": Session,
}


def person_routes():
    """(model, route) for every admin route under a person viewset's address, and Rangkul's own screens."""
    prefixes = {f"admin/{viewset.url_prefix}/": viewset.model for viewset in person_viewsets()}
    prefixes.update(OWN_SCREENS)
    found = []
    for route in _routes(get_resolver().url_patterns):
        for prefix, model in prefixes.items():
            if route.startswith(prefix):
                found.append((model, route))
    return found


def addresses(route, pk):
    """The route with its ``<int:pk>`` filled in, once for each value of any other part."""
    filled = [route.replace("<int:pk>", str(pk))]
    for name, values in OTHER_ARGUMENTS.items():
        part = f"<str:{name}>"
        if part in route:
            filled = [address.replace(part, value) for address in filled for value in values]
    assert all("<" not in address for address in filled), filled
    return ["/" + address for address in filled]


@pytest.fixture
def world(django_user_model):
    """Counselors A and B, each with a session, booking, waiting person, email, buddy program, pair."""
    offering = OfferingFactory(places_per_session=2)
    rows = {}
    for letter, days in (("A", 3), ("B", 4)):
        user, client = staff_client(django_user_model, f"konselor{letter}", COUNSELOR)
        counselor = CounselorFactory(name=f"Konselor {letter}", user=user)
        start = clock.now() + datetime.timedelta(days=days)
        session = SessionFactory(offering=offering, counselor=counselor, start=start, original_start=start)
        booking = BookingFactory(
            session=session, name=f"Rahasia{letter} Murid", email=f"murid{letter}@contoh.id"
        )
        program = BuddyProgramFactory(counselor=counselor)
        mentee = BuddySignupFactory(program=program, first_name=f"Rahasia{letter}Adik")
        buddy = BuddySignupFactory(
            program=program, side=Side.BUDDY, year=8, first_name=f"Rahasia{letter}Kakak"
        )
        pair = BuddyPair.objects.create(program=program, buddy=buddy, mentee=mentee)
        rows[letter] = {
            "client": client,
            Session: session,
            Booking: booking,
            WaitingListEntry: WaitingListEntryFactory(session=session, name=f"Rahasia{letter} Penunggu"),
            BookingEmail: BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION),
            BuddyProgram: program,
            BuddySignup: mentee,
            BuddyPair: pair,
            BuddyEmail: BuddyEmail.objects.create(signup=mentee, pair=pair, kind=BuddyEmailKind.PAIRED),
            MissedSessionsFollowUp: MissedSessionsFollowUp.objects.create(
                email=booking.email,
                name=f"Rahasia{letter} Murid",
                counselor=counselor,
                last_booking=booking,
                reason="in_a_row",
                missed=2,
                created_at=clock.now(),
            ),
            SessionFeedback: SessionFeedback.objects.create(
                offering=offering, counselor=counselor, week=clock.today(), comment=f"Rahasia{letter}"
            ),
        }
    return rows


def snapshot_of_people():
    return {
        model.__name__: sorted(map(repr, (model_to_dict(row) for row in model.objects.all())))
        for model in ROW_RULES
    }


def test_every_viewset_of_a_persons_records_applies_the_own_rows_rule():
    person_viewsets()
    models_with_viewsets = {
        viewset.model: viewset for viewset in viewsets.viewsets if hasattr(viewset, "model")
    }
    for model in set(ROW_RULES) - {BuddyProgram}:
        if model in models_with_viewsets:
            assert isinstance(models_with_viewsets[model], OwnRowsViewSet), model
    assert len(person_routes()) >= 7 * 9, "the walk found fewer routes than the generic views alone"


def answer(client, method, address, **query):
    """The response, after the locale middleware's retry of a not-found admin address under /id/."""
    response = getattr(client, method)(address, query)
    if response.status_code == 302 and response["Location"].startswith(f"/id{address}"):
        response = getattr(client, method)(response["Location"], query)
    return response


def refused(response):
    """403/404/405, or Wagtail's "no permission" redirect to the dashboard or the sign-in page."""
    if response.status_code == 302:
        return response["Location"].split("?")[0] in ("/admin/", "/id/admin/", "/admin/login/")
    return response.status_code in (403, 404, 405)


@pytest.mark.parametrize("role", [COUNSELOR, EDITORS, DATA_PROTECTION_OFFICER])
def test_no_role_but_coordinators_reads_or_changes_counselor_bs_people(world, django_user_model, role):
    if role == COUNSELOR:
        client = world["A"]["client"]
    else:
        _user, client = staff_client(django_user_model, "someone-else", role)
    before = snapshot_of_people()
    walked = 0
    for model, route in person_routes():
        for address in addresses(route, world["B"][model].pk):
            for method in ("get", "post"):
                queries = (
                    [{}]
                    if "<int:pk>" in route or method == "post"
                    else [{}, {"q": "Rahasia"}, {"export": "csv"}]
                )
                for query in queries:
                    response = answer(client, method, address, **query)
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    assert b"RahasiaB" not in body, (role, method, address, query)
                    if "<int:pk>" in route:
                        assert refused(response), (role, method, address, response.status_code)
                    walked += 1
    assert snapshot_of_people() == before
    assert walked >= 150


def test_a_counselor_reads_their_own_people_on_the_same_addresses(world):
    client = world["A"]["client"]
    readable = 0
    for model, route in person_routes():
        if "<int:pk>" not in route or not re.search(r"/(edit|history|usage)/", route):
            continue
        for address in addresses(route, world["A"][model].pk):
            response = client.get(address)
            if response.status_code == 200:
                readable += 1
    # Edit, history and usage of their own bookings, sessions, sign-ups and pairs at least.
    assert readable >= 8


def test_a_coordinator_reads_counselor_bs_people(world, django_user_model):
    _user, client = staff_client(django_user_model, "koordinator", COORDINATOR)
    for model in (Booking, WaitingListEntry):
        viewset = next(v for v in person_viewsets() if v.model is model)
        for view in ("edit", "history", "usage"):
            response = client.get(f"/admin/{viewset.url_prefix}/{view}/{world['B'][model].pk}/")
            if response.status_code != 200:
                # Waiting-list entries change only through the booking rules: no edit form, no "change".
                assert model is WaitingListEntry and view in ("edit", "usage") and refused(response), (
                    model,
                    view,
                )
                continue
            assert "RahasiaB" in response.content.decode(), (model, view)


def test_site_history_shows_a_counselor_only_their_own_peoples_entries(world, django_user_model):
    for letter in "AB":
        bookings.booking_cancel(booking_id=world[letter][Booking].pk, now=clock.now(), user=None)
    counselor = world["A"]["client"]
    _user, coordinator = staff_client(django_user_model, "koordinator", COORDINATOR)

    def history_links(client):
        body = client.get("/admin/reports/site-history/").content.decode()
        return {
            letter for letter in "AB" if f"/admin/booking/bookings/edit/{world[letter][Booking].pk}/" in body
        }

    assert history_links(counselor) == {"A"}
    assert history_links(coordinator) == {"A", "B"}
    results = counselor.get("/admin/reports/site-history/results/").content.decode()
    assert f"/admin/booking/bookings/edit/{world['B'][Booking].pk}/" not in results
