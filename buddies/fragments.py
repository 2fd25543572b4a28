"""The buddy programs on a program page, as a live fragment (sign-up windows open, close and fill up)."""

from functools import partial

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from buddies import selectors
from buddies.models import BuddyProgram, Side
from core.content_version import cached_for_availability, program_page_scope, scopes_changed


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
        f"program-buddies:{translation_key}:{get_language()}",
        render,
        now=now,
        scopes=[program_page_scope(translation_key)],
        request=request,
    )


def signup_changed(sender, instance, **kwargs):
    """A sign-up was saved or deleted: its program page's places may differ (connected in BuddiesConfig.ready())."""
    transaction.on_commit(partial(_renew_program_page, instance.program_id))


def _renew_program_page(program_id):
    pages = BuddyProgram.objects.filter(pk=program_id).values_list("program_page__translation_key", flat=True)
    scopes_changed(program_page_scope(translation_key) for translation_key in pages)
