"""Staff views for matching: suggested pairs, accept in bulk or one by one, pair by hand, start and end pairs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from buddies import matching, services
from buddies.models import BuddyPair, BuddyProgram, PairStatus
from core.admin_access import RefuseDeleteInUseView, visible
from core.errors import RuleError


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def program_matching(request, pk):
    _require(request, "buddies.view_buddypair")
    program = get_object_or_404(visible(BuddyProgram.objects.all(), request.user), pk=pk)
    buddies, mentees = services.matching_people(program)
    result = matching.suggest_pairs(buddies, mentees)
    pairs = (
        program.pairs.exclude(status=PairStatus.ENDED).select_related("buddy", "mentee").order_by("status")
    )
    return TemplateResponse(
        request,
        "buddies/admin/matching.html",
        {
            "program": program,
            "result": result,
            "pairs": pairs,
            "buddies": buddies,
            "mentees": mentees,
            "can_change": request.user.has_perm("buddies.change_buddypair"),
        },
    )


@require_POST
def pairs_accept(request, pk):
    """Accept the chosen suggestions (each value is "buddy id:mentee id"), or one pair chosen by hand."""
    _require(request, "buddies.change_buddypair")
    program = get_object_or_404(visible(BuddyProgram.objects.all(), request.user), pk=pk)
    chosen = request.POST.getlist("pair")
    if request.POST.get("buddy") and request.POST.get("mentee"):
        chosen = [f"{request.POST['buddy']}:{request.POST['mentee']}"]
    accepted = 0
    for value in chosen:
        try:
            buddy_id, mentee_id = (int(part) for part in value.split(":"))
            services.pair_propose(
                program_id=program.pk, buddy_id=buddy_id, mentee_id=mentee_id, user=request.user
            )
            accepted += 1
        except ValueError:
            messages.error(request, _("That choice was not understood."))
        except RuleError as error:
            messages.error(request, str(error.message))
    if accepted:
        messages.success(
            request,
            ngettext("%(count)d pair proposed.", "%(count)d pairs proposed.", accepted) % {"count": accepted},
        )
    return redirect("buddies_program_matching", pk=program.pk)


def pair_change(request, pk, action):
    """Start a proposed pair (emails both) or end one; both ask first and say who is emailed."""
    _require(request, "buddies.change_buddypair")
    pair = get_object_or_404(
        visible(BuddyPair.objects.select_related("buddy", "mentee", "program"), request.user), pk=pk
    )
    if action not in ("activate", "end"):
        raise PermissionDenied
    if request.method == "POST":
        try:
            if action == "activate":
                services.pair_activate(pair_id=pair.pk, user=request.user, now=timezone.now())
                messages.success(request, _("The pair has started; both have been emailed."))
            else:
                services.pair_end(pair_id=pair.pk, user=request.user, now=timezone.now())
                messages.success(request, _("The pair has ended. Both can be paired again."))
        except RuleError as error:
            messages.error(request, str(error.message))
        return redirect("buddies_program_matching", pk=pair.program_id)
    return TemplateResponse(request, "buddies/admin/confirm_pair.html", {"pair": pair, "action": action})


class BuddyProgramDeleteView(RefuseDeleteInUseView):
    in_use_message = gettext_lazy(
        "Students have signed up for this program, so deleting it would erase their sign-ups and pairs. "
        "Untick “shown on the site” instead."
    )
