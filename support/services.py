"""Every change to a request for help goes through these functions, each in one transaction.

A broken rule raises core's RuleError. Each change is logged (without what the person wrote);
emails are outbox rows written in the same transaction and sent after commit.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import log_private
from core.errors import RuleError
from core.outbox import outbox_create
from core.transactions import locked_transaction
from support.access import HANDLE_REPORTS, TAKE, may_handle, staff_granted
from support.models import (
    ContactWay,
    HelpRequest,
    HelpRequestNote,
    Outcome,
    RequestKind,
    RequestStatus,
    SupportEmail,
    SupportEmailKind,
)


@dataclass(frozen=True)
class Asking:
    """What a young person tells us on the form."""

    kind: str
    for_whom: str
    topic: str = ""
    details: str = ""
    is_urgent: bool = False
    is_anonymous: bool = False
    name: str = ""
    school_class: str = ""
    contact_way: str = ""
    contact: str = ""
    good_times: str = ""
    no_parents: bool = False


def staff_to_alert(request):
    """Who hears of a new request at once: the school safety team for a report, the counselors for an
    urgent request (only people granted the permission, not every superuser)."""
    permission = HANDLE_REPORTS if request.is_report else TAKE
    return list(staff_granted(permission).exclude(email="").order_by("pk"))


def request_create(*, asking, language):
    if asking.is_anonymous and asking.kind != RequestKind.REPORT:
        raise RuleError(_("Only a report can be sent without your name."), code="anonymous")
    anonymous = asking.is_anonymous
    with transaction.atomic():
        request = HelpRequest.objects.create(
            kind=asking.kind,
            for_whom=asking.for_whom,
            topic=asking.topic,
            details=asking.details.strip(),
            is_urgent=asking.is_urgent,
            is_anonymous=anonymous,
            name="" if anonymous else asking.name,
            school_class="" if anonymous else asking.school_class.strip().upper(),
            contact_way="" if anonymous else asking.contact_way,
            contact="" if anonymous or asking.contact_way == ContactWay.AT_SCHOOL else asking.contact.strip(),
            good_times="" if anonymous else asking.good_times.strip(),
            no_parents=asking.no_parents,
            language=language,
        )
        log_private(request, "support.received")
        if request.reply_email:
            outbox_create(SupportEmail, request=request, kind=SupportEmailKind.RECEIVED)
        if request.is_report or request.is_urgent:
            for member in staff_to_alert(request):
                outbox_create(
                    SupportEmail, request=request, kind=SupportEmailKind.STAFF_ALERT, staff_member=member
                )
    return request


def _locked(request_id, user):
    request = HelpRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or not may_handle(user, request):
        raise RuleError(_("You cannot change this request."), code="not_allowed")
    return request


def _responded(request, now):
    if request.first_response_at is None:
        request.first_response_at = now


def request_take(*, request_id, user, now, assignee=None):
    """Give the request to one staff member (``user`` themselves unless a coordinator names someone)."""
    assignee = assignee or user
    with locked_transaction():
        request = _locked(request_id, user)
        if request.is_closed:
            raise RuleError(_("This request is closed."), code="closed")
        if assignee != user and not may_handle(assignee, request):
            raise RuleError(
                _("That staff member cannot take this request."), code="assignee", field="assignee"
            )
        request.assigned_to = assignee
        _responded(request, now)
        request.save(update_fields=["assigned_to", "first_response_at", "updated_at"])
        log_private(request, "support.assigned", user=user, data={"assigned_to": assignee.pk})
    return request


def request_set_status(*, request_id, status, user, now, outcome=""):
    if status not in RequestStatus.values or status == RequestStatus.NEW:
        raise RuleError(_("Choose what has happened."), code="invalid_status", field="status")
    if status == RequestStatus.CLOSED and outcome not in Outcome.values:
        raise RuleError(_("Choose how it ended before closing."), code="outcome", field="outcome")
    with locked_transaction():
        request = _locked(request_id, user)
        if request.is_closed:
            raise RuleError(_("This request is closed."), code="closed")
        previous = request.status
        request.status = status
        if request.assigned_to_id is None:
            request.assigned_to = user
        _responded(request, now)
        if status == RequestStatus.CLOSED:
            request.outcome = outcome
            request.closed_at = now
        request.save()
        log_private(
            request, f"support.{status}", user=user, data={"previous": previous, "outcome": request.outcome}
        )
    return request


def request_add_note(*, request_id, text, user):
    text = text.strip()
    if not text:
        raise RuleError(_("Write the note first."), code="empty", field="text")
    with locked_transaction():
        request = _locked(request_id, user)
        note = HelpRequestNote.objects.create(request=request, author=user, text=text[:2000])
        log_private(request, "support.note_added", user=user)
    return note


def request_close_on_erasure(*, request_id, user, now):
    """A person asked for their data to be erased: their open request ends without anyone contacting them."""
    with locked_transaction():
        request = HelpRequest.objects.select_for_update().get(pk=request_id)
        request.status = RequestStatus.CLOSED
        request.outcome = Outcome.NO_FURTHER_CONTACT
        request.closed_at = now
        request.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
        log_private(request, "support.closed", user=user, data={"outcome": request.outcome, "why": "erasure"})
