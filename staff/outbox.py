"""Every email the site owes people, of every kind, in one listing for staff, and "send again".

Each app keeps its own outbox table (booking, waiting list, buddies); this reads them
together, narrowed to the rows the user may see, newest first, in a fixed number of queries.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import CharField, Value

from booking.models import BookingEmail, WaitingListEmail
from buddies.models import BuddyEmail
from core.admin_access import visible
from core.localtime import format_local
from core.models import OutboxStatus
from core.outbox import outbox_send_again, outbox_task

PAGE_SIZE = 50


@dataclass(frozen=True)
class Outbox:
    key: str
    model: type
    permission: str
    person: str  # the related record that names the person
    name_field: str


OUTBOXES = [
    Outbox("booking", BookingEmail, "booking.view_bookingemail", "booking", "name"),
    Outbox("waiting", WaitingListEmail, "booking.view_waitinglistentry", "entry", "name"),
    Outbox("buddies", BuddyEmail, "buddies.view_buddyemail", "signup", "first_name"),
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
    return [outbox for outbox in OUTBOXES if user.has_perm(outbox.permission)]


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
    combined = (
        listings[0].union(*listings[1:], all=True).order_by("-created_at", "-pk")
        if len(listings) > 1
        else listings[0]
    )
    page = Paginator(combined, PAGE_SIZE).get_page(page_number)
    wanted = {}
    for key, pk, _created in page.object_list:
        wanted.setdefault(key, []).append(pk)
    loaded = {}
    for key, pks in wanted.items():
        outbox = OUTBOX_BY_KEY[key]
        for email in outbox.model.objects.filter(pk__in=pks).select_related(outbox.person):
            loaded[key, email.pk] = email
    rows = []
    for key, pk, _created in page.object_list:
        outbox, email = OUTBOX_BY_KEY[key], loaded[key, pk]
        rows.append(
            EmailRow(
                outbox=key,
                pk=pk,
                person=getattr(getattr(email, outbox.person), outbox.name_field),
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
    if outbox is None or not user.has_perm(outbox.permission):
        return False
    if not visible(outbox.model.objects.filter(pk=pk), user).exists():
        return False
    return outbox_send_again(outbox.model, outbox_task(outbox.model), pk=pk, user=user)
