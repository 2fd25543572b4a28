"""People waiting for a place in a full group session, and the emails owed to them.

An entry whose place has been offered holds that place (``Session.objects.with_places_offered``)
until it is claimed, left or expires; the rules live in ``booking/services/waitlist.py``.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from booking.models.choices import (
    WaitingListEmailKind,
    WaitingListStatus,
)
from booking.models.sessions import MOST_PEOPLE_COMING, Booking, PersonDetails, Session
from core.localtime import format_local
from core.models import OutboxEmail
from core.people import guardian_consent_constraint, new_manage_token


class WaitingListEntry(PersonDetails):
    """One person in line for a place in one session, with the details a booking will need."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="waiting_list"
    )
    position = models.PositiveIntegerField(_("place in line"))
    status = models.CharField(
        _("status"), max_length=20, choices=WaitingListStatus.choices, default=WaitingListStatus.WAITING
    )
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    offered_at = models.DateTimeField(_("place offered at"), null=True, blank=True, editable=False)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True, editable=False)
    booking = models.OneToOneField(
        Booking,
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waiting_list_entry",
        editable=False,
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["session__start", "position"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=Q(status__in=["waiting", "offered"]),
                name="waiting_once_per_email_and_session",
                violation_error_message=_("This email is already on the waiting list for this session."),
            ),
            guardian_consent_constraint("waiting_under_18_has_guardian_consent"),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="waiting_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=Q(people_coming__gte=1, people_coming__lte=MOST_PEOPLE_COMING),
                name="waiting_people_coming_in_range",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "position"])]

    def __str__(self):
        return f"{self.name} · {self.session}"

    @property
    def is_open(self):
        return self.status in (WaitingListStatus.WAITING, WaitingListStatus.OFFERED)

    @property
    def is_waiting(self):
        return self.status == WaitingListStatus.WAITING

    @property
    def is_offered(self):
        return self.status == WaitingListStatus.OFFERED

    @property
    def is_expired(self):
        return self.status == WaitingListStatus.EXPIRED

    @property
    def is_booked(self):
        return self.status == WaitingListStatus.BOOKED

    @property
    def has_left(self):
        return self.status == WaitingListStatus.LEFT

    @property
    def is_closed(self):
        return self.status == WaitingListStatus.CLOSED


class WaitingListEmail(OutboxEmail):
    """An email about a waiting-list entry (see core.models.OutboxEmail for how it is sent)."""

    entry = models.ForeignKey(
        WaitingListEntry,
        verbose_name=_("waiting list entry"),
        on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=WaitingListEmailKind.choices)

    class Meta(OutboxEmail.Meta):
        verbose_name = _("waiting list email")
        verbose_name_plural = _("waiting list emails")

    def __str__(self):
        return f"{self.get_kind_display()} · {format_local(self.created_at)}"
