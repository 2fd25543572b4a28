"""Admin views of the one email listing (staff.outbox)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import OutboxStatus
from staff import outbox


def emails(request):
    if not outbox.outboxes_for(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in OutboxStatus.values:
        status = ""
    page = outbox.emails_page(request.user, status=status, page_number=request.GET.get("p", 1))
    return TemplateResponse(
        request,
        "staff/emails.html",
        {"page": page, "status": status, "statuses": OutboxStatus.choices},
    )


@require_POST
def email_send_again(request, outbox_key, pk):
    if outbox.email_send_again(outbox_key=outbox_key, pk=pk, user=request.user):
        messages.success(request, _("The email is queued again."))
    else:
        messages.error(request, _("Only an email that failed can be sent again."))
    return redirect(request.POST.get("next") or "staff_emails")
