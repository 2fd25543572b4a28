"""The staff side of requests for help: a queue and each request's own page.

Every opening of a request's page is logged (who read it, when); every change goes through
support.services. Rows the user may not see answer 404, as if they did not exist.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.admin_access import visible
from core.audit import log_private
from core.errors import RuleError
from support import services
from support.access import (
    HANDLE_REPORTS,
    TAKE,
    VIEW_ALL,
    may_handle,
    may_read_notes,
    may_use_queue,
    staff_granted,
)
from support.forms import NoteForm, StatusForm, TakeForm
from support.models import OPEN_STATUSES, HelpRequest, Outcome, RequestKind, RequestStatus

SHOWN = {
    "open": Q(status__in=OPEN_STATUSES),
    "closed": Q(status=RequestStatus.CLOSED),
    "all": Q(),
}


def request_queue(request):
    if not may_use_queue(request.user):
        raise PermissionDenied
    shown = request.GET.get("shown", "open")
    shown = shown if shown in SHOWN else "open"
    kind = request.GET.get("kind", "")
    requests = visible(HelpRequest.objects.all(), request.user).filter(SHOWN[shown])
    if kind in RequestKind.values:
        requests = requests.filter(kind=kind)
    return TemplateResponse(
        request,
        "support/admin/queue.html",
        {
            "requests": requests.select_related("assigned_to").order_by(
                "-is_urgent", "status", "-created_at"
            ),
            "shown": shown,
            "kind": kind,
            "kinds": RequestKind.choices,
            "now": timezone.now(),
        },
    )


def _visible_or_404(request, pk):
    help_request = get_object_or_404(
        visible(HelpRequest.objects.select_related("assigned_to"), request.user), pk=pk
    )
    return help_request


def _assignable_staff(help_request):
    permission = HANDLE_REPORTS if help_request.is_report else TAKE
    return staff_granted(permission).order_by("first_name", "last_name", "username")


def request_detail(request, pk):
    if not may_use_queue(request.user):
        raise PermissionDenied
    help_request = _visible_or_404(request, pk)
    log_private(help_request, "support.read", user=request.user)
    may_change = may_handle(request.user, help_request)
    outcomes = [
        choice for choice in Outcome.choices if help_request.is_report or choice[0] != Outcome.HANDLED_BY_TEAM
    ]
    return TemplateResponse(
        request,
        "support/admin/detail.html",
        {
            "help_request": help_request,
            "may_change": may_change and not help_request.is_closed,
            "may_assign_others": may_change and (request.user.has_perm(VIEW_ALL) or help_request.is_report),
            "take_form": TakeForm(staff=_assignable_staff(help_request)),
            "status_form": StatusForm(outcomes=outcomes, initial={"status": help_request.status}),
            "note_form": NoteForm(),
            "notes": help_request.notes.select_related("author")
            if may_read_notes(request.user, help_request)
            else None,
        },
    )


def _acted(request, pk, action):
    if not may_use_queue(request.user):
        raise PermissionDenied
    help_request = _visible_or_404(request, pk)
    try:
        action(help_request)
    except RuleError as error:
        messages.error(request, str(error.message))
    return redirect("support_request", pk=help_request.pk)


@require_POST
def request_take(request, pk):
    def take(help_request):
        form = TakeForm(request.POST, staff=_assignable_staff(help_request))
        assignee = form.cleaned_data["assignee"] if form.is_valid() else None
        if assignee is not None and not (request.user.has_perm(VIEW_ALL) or help_request.is_report):
            raise RuleError(_("You can take a request yourself; a coordinator gives it to someone else."))
        services.request_take(
            request_id=help_request.pk, user=request.user, now=timezone.now(), assignee=assignee
        )
        messages.success(request, _("The request is assigned."))

    return _acted(request, pk, take)


@require_POST
def request_status(request, pk):
    def change(help_request):
        services.request_set_status(
            request_id=help_request.pk,
            status=request.POST.get("status", ""),
            outcome=request.POST.get("outcome", ""),
            user=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("Saved."))

    return _acted(request, pk, change)


@require_POST
def request_note(request, pk):
    def note(help_request):
        services.request_add_note(
            request_id=help_request.pk, text=request.POST.get("text", ""), user=request.user
        )
        messages.success(request, _("Note added."))

    return _acted(request, pk, note)
