"""Each role × list, open, history, export, delete, for each model that holds a person's data.

A counselor is tried on rows of their own sessions and programs and on another counselor's;
"allowed" means the page answered and showed the row.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from booking.models import BookingEmail, BookingEmailKind
from buddies.models import BuddyEmail, BuddyEmailKind, BuddyPair, PairStatus, Side
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

pytestmark = pytest.mark.django_db

ACTIONS = ["list", "open", "history", "export", "delete"]
MODELS = {
    # model key: (admin prefix, text that shows the row)
    "booking": ("booking/bookings", "Murid"),
    "waiting": ("booking/waiting", "Penunggu"),
    "booking_email": ("booking/emails", "Murid"),
    "signup": ("buddies/signups", "Siswabuddy"),
    "pair": ("buddies/pairs", "Siswabuddy"),
    "buddy_email": ("buddies/emails", "Siswabuddy"),
}
# What the admin offers at all for each model (people's records are changed through services:
# nothing is deleted in the admin; emails and waiting-list rows are read-only; a pair opens
# read-only, its status changes on the matching page).
OFFERED = {
    "booking": {"list", "open", "history", "export"},
    "waiting": {"list", "history", "export"},
    "booking_email": {"list", "history"},
    "signup": {"list", "open", "history", "export"},
    "pair": {"list", "open", "history", "export"},
    "buddy_email": {"list", "history"},
}
EXPECTED = {
    "Editors": {model: set() for model in MODELS},
    "Counselor, own rows": {model: actions - {"export"} for model, actions in OFFERED.items()},
    "Counselor, another's rows": {model: set() for model in MODELS},
    "Coordinator": OFFERED,
    "Data protection officer": {model: set() for model in MODELS},
}
GROUPS = {
    "Editors": EDITORS,
    "Counselor, own rows": COUNSELOR,
    "Counselor, another's rows": COUNSELOR,
    "Coordinator": COORDINATOR,
    "Data protection officer": DATA_PROTECTION_OFFICER,
}


def rows_for(counselor, letter):
    """One row of each personal-data model, belonging to ``counselor``'s session or program."""
    start = clock.now() + datetime.timedelta(days=3)
    session = SessionFactory(
        offering=OfferingFactory(places_per_session=1), counselor=counselor, start=start, original_start=start
    )
    booking = BookingFactory(session=session, name=f"Murid {letter}")
    program = BuddyProgramFactory(counselor=counselor)
    buddy = BuddySignupFactory(program=program, side=Side.BUDDY, first_name=f"Siswabuddy{letter}", year=8)
    mentee = BuddySignupFactory(program=program, first_name=f"Siswamentee{letter}")
    return {
        "booking": booking,
        "waiting": WaitingListEntryFactory(session=session, name=f"Penunggu {letter}"),
        "booking_email": BookingEmail.objects.create(booking=booking, kind=BookingEmailKind.CONFIRMATION),
        "signup": buddy,
        "pair": BuddyPair.objects.create(
            program=program, buddy=buddy, mentee=mentee, status=PairStatus.PROPOSED
        ),
        "buddy_email": BuddyEmail.objects.create(signup=buddy, kind=BuddyEmailKind.SIGNED_UP),
    }, letter


def allowed_actions(client, model, row, letter):
    prefix, marker = MODELS[model]
    marker = f"{marker}{'' if model in ('signup', 'pair', 'buddy_email') else ' '}{letter}"
    urls = {
        "list": f"/admin/{prefix}/",
        "open": f"/admin/{prefix}/edit/{row.pk}/",
        "history": f"/admin/{prefix}/history/{row.pk}/",
        "export": f"/admin/{prefix}/?export=csv",
        "delete": f"/admin/{prefix}/delete/{row.pk}/",
    }
    allowed = set()
    for action, url in urls.items():
        response = client.get(url, follow=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if (
            response.status_code != 200
            or response.redirect_chain
            and response.redirect_chain[-1][0] == "/admin/"
        ):
            continue
        if action in ("list", "export") and marker.encode() not in body:
            continue
        if action == "export" and b"<html" in body[:200].lower():
            continue
        allowed.add(action)
    return allowed


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_permission_matrix(role, django_user_model):
    user = django_user_model.objects.create_user(username="staf", password="pw")
    user.groups.add(Group.objects.get(name=GROUPS[role]))
    client = Client()
    client.force_login(user)
    own_counselor = CounselorFactory(user=user)
    other_counselor = CounselorFactory()
    rows, letter = rows_for(own_counselor if role == "Counselor, own rows" else other_counselor, "X")
    seen = {model: allowed_actions(client, model, rows[model], letter) for model in MODELS}
    assert seen == EXPECTED[role]
