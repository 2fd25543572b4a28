"""Booking's live fragments for content pages, registered with core.live in BookingConfig.ready()."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from booking import selectors
from booking.display import offering_cards
from core.content_version import cached_for_availability, program_page_scope

NEXT_FREE_TIMES = 3


def render_program_offerings(request, translation_key):
    """The offerings of a program page (any language version) with their next free times, as HTML."""
    now = timezone.now()

    def render():
        offerings = selectors.offerings_for_program(translation_key=translation_key)
        sessions = selectors.open_sessions_by_offering(
            offerings=offerings, now=now, limit=NEXT_FREE_TIMES, request=request
        )
        return render_to_string(
            "booking/program_offerings.html", {"cards": offering_cards(offerings, sessions)}, request=request
        )

    return cached_for_availability(
        f"program-offerings:{translation_key}:{get_language()}",
        render,
        now=now,
        scopes=[program_page_scope(translation_key)],
        request=request,
    )
