"""What can be booked, when, and by whom.

Models stay declarative: the rules live in ``booking/services.py`` (writes),
``booking/scheduling.py`` (sessions from schedules) and ``booking/selectors.py`` (reads).
Rules that must always hold are also database constraints.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _
from recurrence.fields import RecurrenceField

from core.i18n import TranslatedField
from core.localtime import format_local
from core.models import OutboxEmail, OutboxStatus


def new_manage_token():
    # 256 bits from the OS's secure generator; never derived from ids.
    return secrets.token_urlsafe(32)


class Audience(models.TextChoices):
    STUDENTS = "students", _("Students")
    PARENTS = "parents", _("Parents and guardians")
    FAMILIES = "families", _("Families (young people with their parents)")


class OfferingKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual appointment")
    GROUP = "group", _("Group session")


class Counselor(models.Model):
    """A counselor, psychologist or trained facilitator whom families can book."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, help_text=_("e.g. BK counselor, psychologist."))
    role_en = models.CharField(_("role (English)"), max_length=120, blank=True)
    qualifications = models.CharField(
        _("qualifications"),
        max_length=200,
        help_text=_("Shown to families, e.g. S.Pd. Bimbingan dan Konseling; psychologist with STR/SIPP."),
    )
    qualifications_en = models.CharField(_("qualifications (English)"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    bio_en = models.TextField(_("short bio (English)"), max_length=600, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    languages = models.CharField(
        _("languages"), max_length=120, default="Bahasa Indonesia", help_text=_("Languages they counsel in.")
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Inactive counselors are hidden."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counselor",
        help_text=_("The Wagtail login of this counselor, if they have one."),
    )

    localized_role = TranslatedField("role", "role_en")
    localized_qualifications = TranslatedField("qualifications", "qualifications_en")
    localized_bio = TranslatedField("bio", "bio_en")

    class Meta:
        ordering = ["name"]
        verbose_name = _("counselor")
        verbose_name_plural = _("counselors")

    def __str__(self):
        return self.name


class Offering(models.Model):
    """Something families can book: individual appointments or a group session series."""

    program_page = models.ForeignKey(
        "programs.ProgramPage",
        verbose_name=_("program page"),
        on_delete=models.PROTECT,
        related_name="offerings",
        help_text=_("The Bahasa Indonesia program page this belongs to; its translations list it too."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfferingKind.choices)
    slug = models.SlugField(_("address"), unique=True, help_text=_("Used in the booking page's address."))
    title = models.CharField(_("title"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=800)
    description_en = models.TextField(_("description (English)"), max_length=800, blank=True)
    audience = models.CharField(_("who it is for"), max_length=20, choices=Audience.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    places_per_session = models.PositiveSmallIntegerField(
        _("places per session"), default=1, help_text=_("Always 1 for individual appointments.")
    )
    is_online = models.BooleanField(
        _("online"), default=False, help_text=_("Online sessions: the link is sent after booking.")
    )
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_("Shown in emails and calendar entries: keep it neutral, e.g. “Gedung B, ruang 2”."),
    )
    location_en = models.CharField(_("location (English)"), max_length=200, blank=True)
    minimum_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=24, help_text=_("How long before the start booking closes.")
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("how far ahead (days)"), default=28, help_text=_("How many days ahead people may book.")
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder (hours before)"), default=24, help_text=_("When the reminder email goes out.")
    )
    second_reminder_hours = models.PositiveSmallIntegerField(
        _("second reminder (hours before)"),
        null=True,
        blank=True,
        help_text=_("Optional, e.g. 2 for a reminder on the day. Leave empty for one reminder only."),
    )
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancellation cutoff (hours)"),
        default=12,
        help_text=_("People may cancel themselves until this many hours before the start."),
    )
    counselors = models.ManyToManyField(
        Counselor, verbose_name=_("counselors"), related_name="offerings", blank=True
    )
    is_active = models.BooleanField(_("open for booking"), default=True)

    localized_title = TranslatedField("title", "title_en")
    localized_description = TranslatedField("description", "description_en")
    localized_location = TranslatedField("location", "location_en")

    class Meta:
        ordering = ["program_page__path", "title"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=OfferingKind.INDIVIDUAL) | Q(places_per_session=1),
                name="offering_individual_has_one_place",
                violation_error_message=_("Individual appointments have exactly one place."),
            ),
            models.CheckConstraint(condition=Q(places_per_session__gte=1), name="offering_has_places"),
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="offering_duration_positive"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_individual(self):
        return self.kind == OfferingKind.INDIVIDUAL


class Schedule(models.Model):
    """When an offering happens: a repeating rule, a local start time, and a date range."""

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.CASCADE, related_name="schedules"
    )
    recurrences = RecurrenceField(
        verbose_name=_("repeats"),
        help_text=_("e.g. weekly on Monday. Add dates to skip, such as a public holiday."),
    )
    start_time = models.TimeField(
        _("start time"), help_text=_("Local time (WIB) of the first session or slot.")
    )
    end_time = models.TimeField(
        _("available until"),
        null=True,
        blank=True,
        help_text=_(
            "Individual appointments only: the window from the start time to here is cut into slots."
        ),
    )
    valid_from = models.DateField(_("first day"))
    valid_until = models.DateField(_("last day"), null=True, blank=True)
    counselor = models.ForeignKey(
        Counselor,
        verbose_name=_("counselor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedules",
    )

    class Meta:
        ordering = ["offering__title", "start_time"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="schedule_dates_in_order",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="schedule_window_in_order",
                violation_error_message=_("“Available until” must be after the start time."),
            ),
        ]

    def __str__(self):
        return f"{self.offering} · {self.start_time:%H:%M}"


class Closure(models.Model):
    """School holidays, exam weeks and other days with no sessions at all."""

    title = models.CharField(_("title"), max_length=120)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="closure_dates_in_order",
                violation_error_message=_("The last day cannot be before the first day."),
            )
        ]

    def __str__(self):
        return self.title


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SessionQuerySet(models.QuerySet):
    def with_places_taken(self):
        """Annotate ``places_taken``: the active booking rows, the one source of truth for places.

        A correlated subquery rather than a join and GROUP BY, so it combines with window
        functions and row locks.
        """
        active = (
            Booking.objects.filter(session=OuterRef("pk"))
            .exclude(status=BookingStatus.CANCELLED)
            .order_by()
            .values("session")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(places_taken=Coalesce(Subquery(active), 0))


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
        indexes = [models.Index(fields=["offering", "start"]), models.Index(fields=["counselor", "start"])]

    def __str__(self):
        return f"{self.offering} · {format_local(self.start)}"

    @property
    def places_left(self):
        """Needs ``places_taken`` from ``with_places_taken()``: a listing never counts row by row."""
        return max(self.places - self.places_taken, 0)


class AgeGroup(models.TextChoices):
    UNDER_13 = "under_13", _("Under 13")
    AGE_13_15 = "13_15", _("13–15")
    AGE_16_17 = "16_17", _("16–17")
    ADULT = "18_plus", _("18 or older")


UNDER_18 = [AgeGroup.UNDER_13, AgeGroup.AGE_13_15, AgeGroup.AGE_16_17]


class Topic(models.TextChoices):
    SCHOOL = "school", _("School and learning")
    FRIENDS = "friends", _("Friends and getting along")
    FAMILY = "family", _("Family")
    FEELINGS = "feelings", _("Feelings and stress")
    BULLYING = "bullying", _("Bullying")
    CHANGES = "changes", _("A big change, such as moving school")
    OTHER = "other", _("Something else")


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    WHATSAPP = "whatsapp", _("WhatsApp message")


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Bookings that hold a place: confirmed, attended or did not come (not cancelled)."""
        return self.exclude(status=BookingStatus.CANCELLED)

    def count_by_session(self):
        """{session id: number of bookings}."""
        return dict(
            self.order_by().values_list("session").annotate(count=Count("pk")).values_list("session", "count")
        )


class Booking(models.Model):
    """One person's place in a session. Holds only what the service needs."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="bookings"
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    school_class = models.CharField(_("class"), max_length=30, blank=True)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    guardian_name = models.CharField(_("parent or guardian's name"), max_length=120, blank=True)
    guardian_contact = models.CharField(_("parent or guardian's phone or email"), max_length=120, blank=True)
    guardian_consent = models.BooleanField(_("parent or guardian consents"), default=False)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, blank=True)
    contact_channel = models.CharField(
        _("preferred contact"), max_length=20, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
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
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=~Q(status=BookingStatus.CANCELLED),
                name="booking_one_active_per_email_and_session",
                violation_error_message=_("This email already has a place in this session."),
            ),
            models.CheckConstraint(
                condition=Q(age_group=AgeGroup.ADULT)
                | (Q(guardian_consent=True) & ~Q(guardian_name="") & ~Q(guardian_contact="")),
                name="booking_under_18_has_guardian_consent",
                violation_error_message=_("Under-18s need a parent or guardian's name, contact and consent."),
            ),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.name} · {self.session}"

    @property
    def is_active(self):
        return self.status != BookingStatus.CANCELLED


class NotificationKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Booking confirmed")
    CANCELLATION = "cancellation", _("Booking cancelled")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled by staff")
    SESSION_CHANGED = "session_changed", _("Session changed by staff")
    REMINDER = "reminder", _("Reminder")


NotificationStatus = OutboxStatus


class Notification(OutboxEmail):
    """An email about a booking (see core.models.OutboxEmail for how it is sent)."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
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
