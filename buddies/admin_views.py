"""Staff views for matching: suggested pairs, accept in bulk or one by one, pair by hand, start and end pairs."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from buddies import follow_up, matching, services
from buddies.forms import StaffSignupForm
from buddies.models import STAFF_LABEL_FIELDS, BuddyPair, BuddyProgram, EndReason, PairStatus, Side
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
    people = [f"{side}__{field}" for side in ("buddy", "mentee") for field in STAFF_LABEL_FIELDS]
    pairs = (
        program.pairs.exclude(status=PairStatus.ENDED)
        .select_related("buddy", "mentee")
        .only("program_id", "status", "needs_attention_since", "buddy_id", "mentee_id", *people)
        .order_by("status")
    )
    return TemplateResponse(
        request,
        "buddies/admin/matching.html",
        {
            "program": program,
            "result": result,
            "pairs": pairs,
            "ended_pairs": program.pairs.filter(status=PairStatus.ENDED)
            .select_related("buddy", "mentee")
            .only("program_id", "end_reason", "ended_at", "buddy_id", "mentee_id", *people)
            .order_by("-ended_at"),
            "buddies": buddies,
            "mentees": mentees,
            "can_change": request.user.has_perm("buddies.change_buddypair"),
            "can_add_students": request.user.has_perm("buddies.change_buddysignup"),
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


class EndPairForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why does the pair end?"),
        choices=[choice for choice in EndReason.choices if choice[0] != EndReason.PROGRAM_ENDED],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose why the pair ends.")},
    )
    match_again = forms.BooleanField(
        label=gettext_lazy("Match the student who had a buddy again (never with the same buddy)"),
        required=False,
        initial=True,
    )


class PairNoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Note of a conversation"),
        help_text=gettext_lazy("What was talked about or agreed; the students can ask to see it."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write what was talked about or agreed.")},
    )
    clears_attention = forms.BooleanField(
        label=gettext_lazy("The pair no longer needs attention"), required=False, initial=True
    )


def _visible_pair(request, pk):
    return get_object_or_404(
        visible(BuddyPair.objects.select_related("buddy", "mentee", "program"), request.user), pk=pk
    )


def pair_change(request, pk, action):
    """Start a proposed pair (emails both) or end one (with a reason); both ask first and say who is emailed."""
    _require(request, "buddies.change_buddypair")
    pair = _visible_pair(request, pk)
    if action not in ("activate", "end"):
        raise PermissionDenied
    form = EndPairForm(request.POST or None) if action == "end" else None
    status = 200
    if request.method == "POST":
        if form is not None and not form.is_valid():
            status = 400
        else:
            try:
                if action == "activate":
                    services.pair_activate(pair_id=pair.pk, user=request.user, now=timezone.now())
                    messages.success(request, _("The pair has started; both have been emailed."))
                else:
                    services.pair_end(
                        pair_id=pair.pk, user=request.user, now=timezone.now(), **form.cleaned_data
                    )
                    messages.success(request, _("The pair has ended."))
            except RuleError as error:
                messages.error(request, str(error.message))
            return redirect("buddies_program_matching", pk=pair.program_id)
    return TemplateResponse(
        request,
        "buddies/admin/confirm_pair.html",
        {"pair": pair, "action": action, "form": form},
        status=status,
    )


def program_add_student(request, pk, side):
    """Staff sign a student up on one side of a program, under its rules (outside the sign-up window too)."""
    _require(request, "buddies.change_buddysignup")
    program = get_object_or_404(visible(BuddyProgram.objects.all(), request.user), pk=pk)
    if side not in Side.values:
        raise PermissionDenied
    form = StaffSignupForm(request.POST or None, program=program, side=side)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                signup = services.signup_create(
                    program_id=program.pk,
                    side=side,
                    student=services.Student.from_form(form.cleaned_data),
                    language=form.cleaned_data["language"],
                    now=timezone.now(),
                    added_by=request.user,
                )
            except RuleError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
            else:
                messages.success(
                    request, _("%(name)s is signed up and emailed.") % {"name": signup.first_name}
                )
                return redirect("buddies_program_matching", pk=program.pk)
        status = 400
    return TemplateResponse(
        request,
        "buddies/admin/add_student.html",
        {"program": program, "form": form, "side_label": Side(side).label},
        status=status,
    )


def pair_follow_up(request, pk):
    """A pair's check-ins (answers and their words) and staff's notes; a note can clear its attention."""
    _require(request, "buddies.view_buddypair")
    pair = _visible_pair(request, pk)
    may_note = request.user.has_perm("buddies.change_buddypair")
    form = PairNoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_note:
            raise PermissionDenied
        if form.is_valid():
            try:
                follow_up.pair_note_add(
                    pair_id=pair.pk, user=request.user, now=timezone.now(), **form.cleaned_data
                )
            except RuleError as error:
                form.add_error(error.field, str(error.message))
            else:
                messages.success(request, _("Note added."))
                return redirect("buddies_pair_follow_up", pk=pair.pk)
        status = 400
    check_ins = list(pair.check_ins.select_related("signup").order_by("-sent_at", "signup_id"))
    return TemplateResponse(
        request,
        "buddies/admin/pair_follow_up.html",
        {
            "pair": pair,
            "check_ins": check_ins,
            "answered": sum(1 for check_in in check_ins if check_in.is_answered),
            "notes": pair.notes.select_related("author").order_by("-created_at"),
            "form": form if may_note else None,
        },
        status=status,
    )


def pairs_needing_attention(request):
    """Every pair the user may see that asked for help or went quiet, oldest first."""
    _require(request, "buddies.view_buddypair")
    pairs = (
        visible(BuddyPair.objects.all(), request.user)
        .filter(status=PairStatus.ACTIVE, needs_attention_since__isnull=False)
        .select_related("buddy", "mentee", "program")
        .order_by("needs_attention_since")
    )
    return TemplateResponse(request, "buddies/admin/pairs_needing_attention.html", {"pairs": pairs})


class BuddyProgramDeleteView(RefuseDeleteInUseView):
    in_use_message = gettext_lazy(
        "Students have signed up for this program, so deleting it would erase their sign-ups and pairs. "
        "Untick “shown on the site” instead."
    )
