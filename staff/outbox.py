"""Every email the site owes people, of every kind, in one listing for staff, and "send again".

Each app keeps its own outbox table (booking, waiting list, buddies, requests for help); this reads them
together, narrowed to the rows the user may see, newest first, in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.utils.translation import gettext as _

from booking.models import BookingEmail, WaitingListEmail
from buddies.models import BuddyEmail
from core.admin_access import visible
from core.localtime import format_local
from core.models import OutboxStatus
from core.outbox import outbox_send_again, outbox_task
from support.access import may_use_queue
from support.models import SupportEmail, staff_name

PAGE_SIZE = 50


@dataclass(frozen=True)
class Outbox:
    key: str
    model: type
    may_read: Callable  # (user) → whether the listing shows this outbox at all; ``visible`` picks its rows
    related: tuple  # what the recipient's name is read from, loaded with the page's emails
    recipient: Callable  # (email) → the name of whom it is written to


def _has_perm(permission):
    return lambda user: user.has_perm(permission)


def _support_recipient(email):
    # An alert goes to a staff member; the person asking is named only as far as they named themselves.
    if email.staff_member_id:
        return staff_name(email.staff_member)
    return email.request.name or _("No name given")


OUTBOXES = [
    Outbox(
        "booking",
        BookingEmail,
        _has_perm("booking.view_bookingemail"),
        ("booking",),
        lambda e: e.booking.name,
    ),
    Outbox(
        "waiting",
        WaitingListEmail,
        _has_perm("booking.view_waitinglistentry"),
        ("entry",),
        lambda e: e.entry.name,
    ),
    Outbox(
        "buddies",
        BuddyEmail,
        _has_perm("buddies.view_buddyemail"),
        ("signup",),
        lambda e: e.signup.first_name,
    ),
    # Only those who work with requests for help; a report's emails only for the safety team (``visible``).
    Outbox("support", SupportEmail, may_use_queue, ("request", "staff_member"), _support_recipient),
]
OUTBOX_BY_KEY = {outbox.key: outbox for outbox in OUTBOXES}


@dataclass
class EmailRow:
    outbox: str
    pk: int
    person: str
    kind: str
    status_label: str
    attempts: int
    created_at: str
    can_send_again: bool


def outboxes_for(user):
    return [outbox for outbox in OUTBOXES if outbox.may_read(user)]


def _rows(outbox, user, status):
    rows = visible(outbox.model.objects.all(), user)
    if status:
        rows = rows.filter(status=status)
    return rows


def emails_page(user, *, status="", page_number=1):
    """One page (of EmailRow) of every outbox the user may read; they may read at least one."""
    outboxes = outboxes_for(user)
    listings = [
        _rows(outbox, user, status)
        .annotate(outbox=Value(outbox.key, output_field=CharField()))
        .values_list("outbox", "pk", "created_at")
        .order_by()
        for outbox in outboxes
    ]
    combined = listings[0].union(*listings[1:], all=True) if len(listings) > 1 else listings[0]
    combined = combined.order_by("-created_at", "-pk")
    page = Paginator(combined, PAGE_SIZE).get_page(page_number)
    wanted = {}
    for key, pk, _created in page.object_list:
        wanted.setdefault(key, []).append(pk)
    loaded = {}
    for key, pks in wanted.items():
        outbox = OUTBOX_BY_KEY[key]
        for email in outbox.model.objects.filter(pk__in=pks).select_related(*outbox.related):
            loaded[key, email.pk] = email
    rows = []
    for key, pk, _created in page.object_list:
        outbox, email = OUTBOX_BY_KEY[key], loaded[key, pk]
        rows.append(
            EmailRow(
                outbox=key,
                pk=pk,
                person=outbox.recipient(email),
                kind=email.get_kind_display(),
                status_label=email.get_status_display(),
                attempts=email.attempts,
                created_at=format_local(email.created_at),
                can_send_again=email.status == OutboxStatus.FAILED,
            )
        )
    page.object_list = rows
    return page


def email_send_again(*, outbox_key, pk, user):
    """Staff send one failed email of any kind again. False if it is not theirs to see or has not failed."""
    outbox = OUTBOX_BY_KEY.get(outbox_key)
    if outbox is None or not outbox.may_read(user):
        return False
    if not visible(outbox.model.objects.filter(pk=pk), user).exists():
        return False
    return outbox_send_again(outbox.model, outbox_task(outbox.model), pk=pk, user=user)
