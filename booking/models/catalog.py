"""What can be booked, and when: counselors, offerings, their schedules and closed days."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from recurrence.fields import RecurrenceField

from booking.models.choices import Audience, OfferingKind, WaitingListMode
from core.i18n import TranslatedField


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
    weekly_appointment_cap = models.PositiveSmallIntegerField(
        _("individual appointments per week"),
        null=True,
        blank=True,
        help_text=_(
            "At most this many individual appointments are booked with them in a week (Monday to Sunday); "
            "further slots are not offered. Leave empty for no limit."
        ),
    )
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

    @property
    def role_beside_name(self):
        """The role in the visitor's language, or "" when the name already carries that title
        ("Dimas Prasetyo, M.Psi., Psikolog" is not followed by "Psikolog" again)."""
        name = self.name.lower()
        if self.role.lower() in name or self.localized_role.lower() in name:
            return ""
        return self.localized_role


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
    meeting_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_(
            "For online sessions: the link to join. It is sent only to people with a confirmed place, "
            "in their emails and calendar file, and never shown on the site."
        ),
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
    # Reminders are looked for up to a week ahead (booking.services.reminders.LONGEST_REMINDER).
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder (hours before)"),
        default=24,
        validators=[MaxValueValidator(7 * 24)],
        help_text=_("When the reminder email goes out: at most 168 hours (a week) before."),
    )
    second_reminder_hours = models.PositiveSmallIntegerField(
        _("second reminder (hours before)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(7 * 24)],
        help_text=_("Optional, e.g. 2 for a reminder on the day. Leave empty for one reminder only."),
    )
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancellation cutoff (hours)"),
        default=12,
        help_text=_("People may cancel themselves until this many hours before the start."),
    )
    waiting_list = models.CharField(
        _("waiting list"),
        max_length=20,
        choices=WaitingListMode.choices,
        default=WaitingListMode.IN_TURN,
        help_text=_(
            "Group sessions only: what happens when a full session has a place again. “Offer to the first in "
            "line” holds the place for them for a while; “tell everyone” suits drop-in groups."
        ),
    )
    minimum_participants = models.PositiveSmallIntegerField(
        _("minimum participants"),
        null=True,
        blank=True,
        help_text=_(
            "Group sessions only: with fewer people booked at the decision time, the session is cancelled "
            "and everyone booked or waiting is told. Leave empty to always run."
        ),
    )
    minimum_decision_hours = models.PositiveSmallIntegerField(
        _("decide this many hours before"),
        default=24,
        validators=[MaxValueValidator(14 * 24)],
        help_text=_("When the minimum is checked, in hours before the start."),
    )
    confirm_within_minutes = models.PositiveSmallIntegerField(
        _("confirm by email within (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_(
            "Empty: a booking is final at once. With a number, the place is held until the person "
            "confirms with the link in their email, and given back if they have not after this many "
            "minutes — so nobody can book in someone else's name."
        ),
    )
    open_bookings_per_person = models.PositiveSmallIntegerField(
        _("upcoming bookings per person"),
        null=True,
        blank=True,
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many upcoming bookings of this offering one email address may hold at a time. "
            "Empty: no limit (for example a weekly group someone joins every week)."
        ),
    )
    counselors = models.ManyToManyField(
        Counselor, verbose_name=_("counselors"), related_name="offerings", blank=True
    )
    is_active = models.BooleanField(_("open for booking"), default=True)
    asks_feedback = models.BooleanField(
        _("ask for feedback after a session"),
        default=False,
        help_text=_(
            "The day after a session someone came to, they get an optional, anonymous four-question "
            "feedback link. Counselors see only totals, and only once five people have answered."
        ),
    )

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

    @property
    def has_waiting_list(self):
        return self.kind == OfferingKind.GROUP and self.waiting_list != WaitingListMode.OFF


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
