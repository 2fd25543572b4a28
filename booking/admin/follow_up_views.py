"""Staff views after a session: students to reach out to after missed sessions, and feedback totals."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from booking import selectors
from booking.models import MissedSessionsFollowUp
from booking.services import follow_up
from core.admin_access import visible
from core.errors import RuleError


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What happened (optional)"),
        help_text=gettext_lazy("For example: talked at school, they will book again next week."),
        max_length=1000,
        required=False,
        error_messages={
            "max_length": gettext_lazy(
                "Keep the note to %(limit_value)d characters or fewer (it has %(show_value)d)."
            )
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def missed_sessions(request):
    """Open follow-ups first (oldest first), then the last ones done; a counselor sees their own."""
    if not request.user.has_perm("booking.view_missedsessionsfollowup"):
        raise PermissionDenied
    return _missed_sessions_page(request)


def _missed_sessions_page(request, *, refused=None, refused_form=None, status=200):
    """The page; ``refused`` is the row whose note was refused, shown again with its error and text."""
    rows = visible(MissedSessionsFollowUp.objects.select_related("counselor", "done_by"), request.user)
    return TemplateResponse(
        request,
        "booking/admin/missed_sessions.html",
        {
            "open": rows.filter(done_at__isnull=True).order_by("created_at"),
            "done": rows.filter(done_at__isnull=False).order_by("-done_at")[:20],
            "form": FollowUpDoneForm(),
            "refused_pk": refused.pk if refused else None,
            "refused_form": refused_form,
            "may_change": request.user.has_perm("booking.change_missedsessionsfollowup"),
        },
        status=status,
    )


@require_POST
def missed_sessions_done(request, pk):
    if not request.user.has_perm("booking.change_missedsessionsfollowup"):
        raise PermissionDenied
    row = get_object_or_404(visible(MissedSessionsFollowUp.objects.all(), request.user), pk=pk)
    form = FollowUpDoneForm(request.POST)
    if not form.is_valid():
        return _missed_sessions_page(request, refused=row, refused_form=form, status=400)
    try:
        follow_up.missed_follow_up_done(
            follow_up_id=row.pk, user=request.user, note=form.cleaned_data["note"], now=timezone.now()
        )
        messages.success(request, _("Marked as done."))
    except RuleError as error:
        messages.error(request, str(error.message))
    return redirect("booking_missed_sessions")


def feedback_summary(request):
    """Totals per offering and counselor; a figure only where at least five answers stand behind it."""
    if not request.user.has_perm("booking.view_sessionfeedback"):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "booking/admin/feedback_summary.html",
        {"summary": selectors.feedback_summary(request.user), "threshold": selectors.FEEDBACK_THRESHOLD},
    )
