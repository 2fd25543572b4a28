"""After a session: a short feedback form that is anonymous, and a kind follow-up after missed sessions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from booking.models.catalog import Counselor, Offering
from booking.models.sessions import Booking
from core.localtime import format_local
from core.people import new_manage_token


@register_setting(icon="time")
class FollowUpSettings(BaseGenericSetting):
    """When a student who misses sessions is followed up (a conversation and a warm email, never a block)."""

    missed_in_a_row = models.PositiveSmallIntegerField(
        _("missed in a row"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Sessions marked “did not come” one after another before the counselor is asked to reach out."
        ),
    )
    missed_in_a_term = models.PositiveSmallIntegerField(
        _("missed in a term"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Sessions marked “did not come” in one semester (July–December or January–June)."),
    )

    panels = [FieldPanel("missed_in_a_row"), FieldPanel("missed_in_a_term")]

    class Meta:
        verbose_name = _("follow-up after missed sessions")


class FeedbackInvitation(models.Model):
    """The feedback link owed to one attended booking: sent once, answered once.

    What was answered is stored apart, in SessionFeedback, with no way back to the booking.
    """

    booking = models.OneToOneField(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="feedback_invitation"
    )
    token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    sent_at = models.DateTimeField(_("sent at"))
    is_answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")

    def __str__(self):
        return format_local(self.sent_at)


class FeedbackScore(models.IntegerChoices):
    NOT_AT_ALL = 1, _("Not at all")
    A_LITTLE = 2, _("A little")
    SOMEWHAT = 3, _("Somewhat")
    MOSTLY = 4, _("Mostly")
    COMPLETELY = 5, _("Completely")


# The four things asked after a session, in the order asked (child-friendly wording; the codes are fields).
FEEDBACK_ITEMS = [
    ("listened", _("I felt listened to and understood")),
    ("what_mattered", _("We talked about what I wanted to talk about")),
    ("way_of_working", _("The way we worked suited me")),
    ("overall", _("Overall, the session was good for me")),
]


def _score(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        choices=FeedbackScore.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class SessionFeedback(models.Model):
    """One answer to the feedback form. Anonymous: the offering, counselor and week, never the booking."""

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), null=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    counselor = models.ForeignKey(
        Counselor, verbose_name=_("counselor"), null=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    week = models.DateField(_("week of the session"), help_text=_("The Monday of the session's week."))
    listened = _score(FEEDBACK_ITEMS[0][1])
    what_mattered = _score(FEEDBACK_ITEMS[1][1])
    way_of_working = _score(FEEDBACK_ITEMS[2][1])
    overall = _score(FEEDBACK_ITEMS[3][1])
    comment = models.CharField(_("their words"), max_length=300, blank=True)

    class Meta:
        ordering = ["-week"]
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(listened__range=(1, 5)) | Q(listened__isnull=True),
                name="feedback_listened_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(what_mattered__range=(1, 5)) | Q(what_mattered__isnull=True),
                name="feedback_what_mattered_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(way_of_working__range=(1, 5)) | Q(way_of_working__isnull=True),
                name="feedback_way_of_working_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(overall__range=(1, 5)) | Q(overall__isnull=True), name="feedback_overall_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.week:%Y-%m-%d}"


class MissedReason(models.TextChoices):
    IN_A_ROW = "in_a_row", _("Missed sessions in a row")
    IN_A_TERM = "in_a_term", _("Missed several sessions this term")


class MissedSessionsFollowUp(models.Model):
    """A prompt to the counselor to reach out to a student who missed sessions; one open per student."""

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=120)
    counselor = models.ForeignKey(
        Counselor,
        verbose_name=_("counselor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="missed_follow_ups",
    )
    last_booking = models.ForeignKey(
        Booking,
        verbose_name=_("last missed booking"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="missed_follow_ups",
    )
    reason = models.CharField(_("why"), max_length=20, choices=MissedReason.choices)
    missed = models.PositiveSmallIntegerField(_("sessions missed"))
    created_at = models.DateTimeField(_("raised at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    anonymised_at = models.DateTimeField(
        _("personal details removed at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("missed-sessions follow-up")
        verbose_name_plural = _("missed-sessions follow-ups")
        constraints = [
            models.UniqueConstraint(
                "email", condition=Q(done_at__isnull=True), name="missed_follow_up_one_open_per_email"
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.get_reason_display()}"

    @property
    def is_done(self):
        return self.done_at is not None
