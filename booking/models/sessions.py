"""Sessions, the bookings that take their places, and the emails owed about them."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from booking.models.catalog import Counselor, Offering, Schedule
from booking.models.choices import (
    UPCOMING_STATUSES,
    BookingEmailKind,
    BookingStatus,
    ContactChannel,
    SessionStatus,
    Topic,
)
from core.localtime import format_local
from core.models import OutboxEmail
from core.people import GuardianDetails, guardian_consent_constraint, new_manage_token


class SessionQuerySet(models.QuerySet):
    def with_places_taken(self):
        """Annotate ``places_taken``: the active booking rows, the one source of truth for places.

        A correlated subquery rather than a join and GROUP BY, so it combines with window
        functions and row locks.
        """
        active = (
            Booking.objects.taking_a_place()
            .filter(session=OuterRef("pk"))
            .order_by()
            .values("session")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(places_taken=Coalesce(Subquery(active), 0))

    def with_places_offered(self):
        """Annotate ``places_offered``: places offered to people on the waiting list, kept for them.

        "Offered" is the waiting list's word; "held" means only a booking waiting for its
        person to confirm by email (booking/services/holds.py), which ``places_taken`` already counts.
        """
        # The entry model is defined after this one (it points at Session): reached by its relation.
        entry_model = self.model.waiting_list.rel.related_model
        offered = (
            entry_model.objects.filter(session=OuterRef("pk"), status="offered")
            .order_by()
            .values("session")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(places_offered=Coalesce(Subquery(offered), 0))


class Session(models.Model):
    """One real occurrence of a schedule, keyed like iCalendar's RECURRENCE-ID.

    How many places are taken is never stored: it is counted from the booking rows
    (``Session.objects.with_places_taken()``), under the session's row lock when booking.
    """

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="sessions"
    )
    schedule = models.ForeignKey(
        Schedule,
        verbose_name=_("schedule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    original_start = models.DateTimeField(_("start in the schedule"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    counselor = models.ForeignKey(
        Counselor,
        verbose_name=_("counselor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    places = models.PositiveSmallIntegerField(_("places"))
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    is_overridden = models.BooleanField(
        _("changed by staff"),
        default=False,
        help_text=_("Staff changed this session; regenerating the schedule leaves it as it is."),
    )
    needs_attention = models.BooleanField(
        _("needs attention"),
        default=False,
        help_text=_("The schedule no longer has this session, but people are booked: move or cancel it."),
    )
    cancellation_note = models.CharField(_("cancellation note"), max_length=300, blank=True)
    minimum_checked_at = models.DateTimeField(
        _("minimum participants checked at"), null=True, blank=True, editable=False
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "original_start"], name="session_once_per_occurrence"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(places__gte=1), name="session_has_places"),
        ]
        # start alone: the sessions listing and the admin home read sessions by time across offerings.
        indexes = [
            models.Index(fields=["offering", "start"]),
            models.Index(fields=["counselor", "start"]),
            models.Index(fields=["start"]),
        ]

    def __str__(self):
        return f"{self.offering} · {format_local(self.start)}"

    @property
    def is_scheduled(self):
        return self.status == SessionStatus.SCHEDULED

    @property
    def places_left(self):
        """Needs ``places_taken`` (and, if annotated, ``places_offered``): a listing never counts row by row."""
        return max(self.places - self.places_taken - getattr(self, "places_offered", 0), 0)


class BookingQuerySet(models.QuerySet):
    def taking_a_place(self):
        """THE definition of a taken place, which every count uses: a booking that is held,
        confirmed, attended or did not come — anything but cancelled."""
        return self.exclude(status=BookingStatus.CANCELLED)

    def upcoming_of(self, email, *, offering_id, now):
        """This address's places in sessions of the offering still to come, soonest first."""
        return self.filter(
            status__in=UPCOMING_STATUSES,
            session__offering_id=offering_id,
            session__start__gt=now,
            email__iexact=email.strip(),
        ).order_by("session__start")

    def count_by_session(self):
        """{session id: number of bookings}."""
        return dict(
            self.order_by().values_list("session").annotate(count=Count("pk")).values_list("session", "count")
        )


# A family session place is for one family: the people who come with the person booking.
MOST_PEOPLE_COMING = 10


class PersonDetails(GuardianDetails):
    """What a person tells us when they book or join a waiting list: only what the service needs."""

    name = models.CharField(_("name"), max_length=120)
    # Empty only for someone staff added without one (a walk-in): they are sent nothing.
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    school_class = models.CharField(_("class"), max_length=30, blank=True)
    people_coming = models.PositiveSmallIntegerField(
        _("people coming"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MOST_PEOPLE_COMING)],
        help_text=_("For family sessions: how many come, the person who booked included."),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, blank=True)
    contact_channel = models.CharField(
        _("preferred contact"), max_length=20, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))
    anonymised_at = models.DateTimeField(
        _("personal details removed at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Booking(PersonDetails):
    """One person's place in a session. Holds only what the service needs."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="bookings"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    confirm_by = models.DateTimeField(_("to be confirmed by"), null=True, blank=True, editable=False)
    calendar_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        # Without it, a counselor sees the sessions, bookings and waiting lists of their own sessions only.
        permissions = [("view_all_bookings", _("Can see every counselor's sessions and bookings"))]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=~Q(status=BookingStatus.CANCELLED) & ~Q(email=""),
                name="booking_one_active_per_email_and_session",
                violation_error_message=_("This email already has a place in this session."),
            ),
            guardian_consent_constraint("booking_under_18_has_guardian_consent"),
            models.CheckConstraint(
                condition=Q(people_coming__gte=1, people_coming__lte=MOST_PEOPLE_COMING),
                name="booking_people_coming_in_range",
            ),
        ]
        # created_at: the bookings listing shows the newest first, 20 of a year's thousands.
        indexes = [models.Index(fields=["session", "status"]), models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.name} · {self.session}"

    @property
    def is_active(self):
        return self.status != BookingStatus.CANCELLED

    @property
    def is_held(self):
        """Held for the person until they confirm by email (booking/services/holds.py)."""
        return self.status == BookingStatus.PENDING

    @property
    def is_confirmed(self):
        return self.status == BookingStatus.CONFIRMED

    @property
    def is_cancelled(self):
        return self.status == BookingStatus.CANCELLED


class BookingEmail(OutboxEmail):
    """An email about a booking (see core.models.OutboxEmail for how it is sent)."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="emails"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=BookingEmailKind.choices)
    # Reminders only: which one (1st or 2nd) and for which start, so each is sent once per start.
    reminder_number = models.PositiveSmallIntegerField(_("reminder number"), null=True, blank=True)
    reminder_for = models.DateTimeField(_("reminder for the start at"), null=True, blank=True)

    class Meta(OutboxEmail.Meta):
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "reminder_number", "reminder_for"],
                condition=Q(kind="reminder"),
                name="booking_reminder_once_per_start",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="booking_not_status_8cbb0f_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {format_local(self.created_at)}"
