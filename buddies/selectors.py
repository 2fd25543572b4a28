"""Reads for the public buddy pages, and the dashboard's count of pairs needing attention."""

from django.db.models import Count, Q

from buddies.models import BuddyPair, BuddyProgram, PairStatus, Side, SignupStatus
from buddies.services import signup_problem
from core.admin_access import visible


def _with_counts(programs):
    return programs.annotate(
        mentees=Count("signups", filter=Q(signups__side=Side.MENTEE, signups__status=SignupStatus.ACTIVE)),
        buddies=Count("signups", filter=Q(signups__side=Side.BUDDY, signups__status=SignupStatus.ACTIVE)),
    )


def programs_for_page(*, translation_key):
    """Active buddy programs of a program page (any language version), with their active sign-ups counted."""
    return list(
        _with_counts(
            BuddyProgram.objects.filter(is_active=True, program_page__translation_key=translation_key)
        ).order_by("starts_on", "title")
    )


def program_for_slug(slug):
    return (
        _with_counts(BuddyProgram.objects.filter(slug=slug, is_active=True))
        .select_related("program_page")
        .first()
    )


def side_states(program, *, now):
    """{side: problem or None} for both sides of a counted program: what the pages offer."""
    taken = {Side.MENTEE: program.mentees, Side.BUDDY: program.buddies}
    return {
        side: signup_problem(program, side, now=now, taken=taken[side]) for side in (Side.MENTEE, Side.BUDDY)
    }


def pairs_needing_attention_count(user):
    """Active pairs the user may see that asked for help or went quiet (a count, never who)."""
    if not user.has_perm("buddies.view_buddypair"):
        return 0
    return (
        visible(BuddyPair.objects.all(), user)
        .filter(status=PairStatus.ACTIVE, needs_attention_since__isnull=False)
        .count()
    )
