"""Booking throughput through gunicorn on PostgreSQL, and the places oversold (must be 0).

``setup`` adds group sessions to the starter site and prints their booking page and ids;
``count`` prints bookings, places and places oversold. bench/run.py sends the requests.
"""

import datetime
import json
import os
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db.models import Count, F, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from booking.models import BookingStatus, Offering, OfferingKind, Session  # noqa: E402
from programs.models import ProgramPage  # noqa: E402

SESSIONS = 40
PLACES = 10


def setup():
    page = ProgramPage.objects.filter(locale__language_code="id").order_by("path").first()
    offering = Offering.objects.create(
        program_page=page,
        kind=OfferingKind.GROUP,
        slug="kelompok-beban",
        title="Kelompok beban",
        audience="students",
        duration_minutes=60,
        places_per_session=PLACES,
        location="Gedung A",
        open_bookings_per_person=None,
        waiting_list="off",
    )
    start = (timezone.now() + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    sessions = Session.objects.bulk_create(
        Session(
            offering=offering,
            start=start + datetime.timedelta(hours=hour),
            end=start + datetime.timedelta(hours=hour, minutes=60),
            original_start=start + datetime.timedelta(hours=hour),
            places=PLACES,
        )
        for hour in range(SESSIONS)
    )
    print(json.dumps({"path": f"/id/booking/{offering.slug}/", "sessions": [s.pk for s in sessions]}))


def count():
    sessions = Session.objects.filter(offering__slug="kelompok-beban").annotate(
        booked=Count("bookings", filter=~Q(bookings__status=BookingStatus.CANCELLED))
    )
    print(
        json.dumps(
            {
                "bookings": sum(s.booked for s in sessions),
                "places": sum(s.places for s in sessions),
                "oversold": sum(max(0, s.booked - s.places) for s in sessions.filter(booked__gt=F("places"))),
            }
        )
    )


if __name__ == "__main__":
    {"setup": setup, "count": count}[sys.argv[1]]()
