"""The buddy programs on a program page, as a live fragment (sign-up windows open, close and fill up)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from buddies import selectors
from buddies.models import Side
from core.content_version import cached_for_availability


def render_program_buddies(request, translation_key):
    now = timezone.now()

    def render():
        programs = [
            (program, selectors.side_states(program, now=now))
            for program in selectors.programs_for_page(translation_key=translation_key)
        ]
        return render_to_string(
            "buddies/program_buddies.html",
            {"programs": [(p, states[Side.MENTEE], states[Side.BUDDY]) for p, states in programs]},
            request=request,
        )

    return cached_for_availability(
        f"program-buddies:{translation_key}:{get_language()}", render, now=now, request=request
    )
