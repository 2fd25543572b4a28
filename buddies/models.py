"""Buddy programs (a new student with an experienced one) and peer mentoring: sign-ups on both sides and pairs.

Rules live in ``buddies/services.py`` (writes) and ``buddies/matching.py`` (suggested
pairs); the rules that must always hold are also database constraints.
"""

import functools

from django.conf import settings
from django.core.validators import validate_comma_separated_integer_list
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedField
from core.localtime import format_local, local_zone
from core.models import OutboxEmail, StaffNote
from core.people import GuardianDetails, guardian_consent_constraint, new_manage_token


class ProgramKind(models.TextChoices):
    NEW_STUDENT = "new_student", _("Buddy for new students")
    MENTORING = "mentoring", _("Peer mentoring")


class Side(models.TextChoices):
    MENTEE = "mentee", _("Would like a buddy")
    BUDDY = "buddy", _("Wants to be a buddy")


class Language(models.TextChoices):
    INDONESIAN = "id", _("Bahasa Indonesia")
    ENGLISH = "en", _("English")
    JAVANESE = "jv", _("Javanese")
    SUNDANESE = "su", _("Sundanese")
    OTHER = "other", _("Another language")


class Interest(models.TextChoices):
    SPORT = "sport", _("Sport")
    MUSIC = "music", _("Music")
    ART = "art", _("Art and drawing")
    READING = "reading", _("Reading and writing")
    GAMES = "games", _("Games")
    SCIENCE = "science", _("Science and technology")
    NATURE = "nature", _("Nature and animals")
    COOKING = "cooking", _("Cooking")


class FreePeriod(models.TextChoices):
    BEFORE_SCHOOL = "before", _("Before school")
    FIRST_BREAK = "break1", _("First break")
    LUNCH = "lunch", _("Lunch break")
    AFTER_SCHOOL = "after", _("After school")


class ContactPreference(models.TextChoices):
    AT_SCHOOL = "at_school", _("Meet at school: the counselor introduces us")
    SCHOOL_EMAIL = "school_email", _("By school email")


class BuddyProgram(models.Model):
    """A Buddy System or peer-mentoring round that students sign up for, on either side."""

    program_page = models.ForeignKey(
        "programs.ProgramPage",
        verbose_name=_("program page"),
        on_delete=models.PROTECT,
        related_name="buddy_programs",
        help_text=_("The Bahasa Indonesia program page that lists it; its translations list it too."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    slug = models.SlugField(_("address"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=800)
    description_en = models.TextField(_("description (English)"), max_length=800, blank=True)
    starts_on = models.DateField(_("first day of the pairs"))
    ends_on = models.DateField(_("last day of the pairs"))
    signup_opens = models.DateTimeField(_("sign-up opens"))
    signup_closes = models.DateTimeField(_("sign-up closes"))
    mentee_places = models.PositiveSmallIntegerField(
        _("places for students who would like a buddy"), default=30
    )
    buddy_places = models.PositiveSmallIntegerField(_("places for buddies"), default=15)
    mentees_per_buddy = models.PositiveSmallIntegerField(
        _("students per buddy"), default=1, help_text=_("How many students one buddy may look after.")
    )
    mentee_year_min = models.PositiveSmallIntegerField(_("youngest year that may ask for a buddy"), default=7)
    mentee_year_max = models.PositiveSmallIntegerField(_("oldest year that may ask for a buddy"), default=9)
    buddy_year_min = models.PositiveSmallIntegerField(_("youngest year that may be a buddy"), default=8)
    buddy_year_max = models.PositiveSmallIntegerField(_("oldest year that may be a buddy"), default=12)
    buddies_need_approval = models.BooleanField(
        _("buddies need staff approval"), default=True, help_text=_("Only approved buddies are paired.")
    )
    buddies_need_training = models.BooleanField(
        _("buddies need the peer-supporter training"),
        default=True,
        help_text=_("Only buddies who have completed the training are paired."),
    )
    counselor = models.ForeignKey(
        "booking.Counselor",
        verbose_name=_("counselor responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buddy_programs",
        help_text=_("They see this program's sign-ups and pairs; coordinators see every program."),
    )
    is_active = models.BooleanField(_("shown on the site"), default=True)
    check_in_weeks = models.CharField(
        _("check-ins: weeks after a pair starts"),
        max_length=40,
        default="2,4",
        blank=True,
        validators=[validate_comma_separated_integer_list],
        help_text=_("Both students get a one-tap “how is it going?” link then, e.g. 2,4. Empty: none."),
    )
    check_in_every_weeks = models.PositiveSmallIntegerField(
        _("then a check-in every this many weeks"),
        default=4,
        help_text=_("Until the pair ends; 4 is about monthly. 0: no more after the weeks above."),
    )

    localized_title = TranslatedField("title", "title_en")
    localized_description = TranslatedField("description", "description_en")

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("buddy program")
        verbose_name_plural = _("buddy programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="buddy_program_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(signup_closes__gt=F("signup_opens")), name="buddy_program_signup_in_order"
            ),
            models.CheckConstraint(
                condition=Q(mentees_per_buddy__gte=1), name="buddy_program_buddy_takes_one"
            ),
        ]

    def __str__(self):
        return self.title

    def places(self, side):
        return self.mentee_places if side == Side.MENTEE else self.buddy_places

    def years(self, side):
        if side == Side.MENTEE:
            return range(self.mentee_year_min, self.mentee_year_max + 1)
        return range(self.buddy_year_min, self.buddy_year_max + 1)

    @property
    def first_check_in_weeks(self):
        return sorted({int(weeks) for weeks in self.check_in_weeks.split(",") if weeks.strip()})


class SignupStatus(models.TextChoices):
    ACTIVE = "active", _("Signed up")
    WITHDRAWN = "withdrawn", _("Withdrawn")


@functools.lru_cache(maxsize=1024)
def _short_date(day, language):
    # Sign-ups share a few dozen dates: a thousand labels format each date once per language.
    return formats.date_format(day, "SHORT_DATE_FORMAT")


# What a sign-up's staff label reads (besides its number), for screens that read no more.
STAFF_LABEL_FIELDS = ("first_name", "school_class", "created_at")


def signup_staff_label(first_name, school_class, signed_up_at, number):
    """Tells apart two students of the same name and class on the matching screen."""
    return _("%(name)s (%(school_class)s) · signed up %(date)s · no. %(number)s") % {
        "name": first_name,
        "school_class": school_class,
        "date": _short_date(signed_up_at.astimezone(local_zone()).date(), translation.get_language()),
        "number": number,
    }


class BuddySignup(GuardianDetails):
    """One student on one side of a program. Holds only what matching needs."""

    program = models.ForeignKey(
        BuddyProgram, verbose_name=_("buddy program"), on_delete=models.PROTECT, related_name="signups"
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    first_name = models.CharField(_("first name"), max_length=60)
    email = models.EmailField(_("email"))
    school_class = models.CharField(_("class"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    languages = models.JSONField(_("languages"), default=list)
    interests = models.JSONField(_("interests"), default=list)
    free_periods = models.JSONField(_("free periods"), default=list)
    contact_preference = models.CharField(
        _("how to meet"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.AT_SCHOOL,
    )
    motivation = models.TextField(_("why they want to be a buddy"), max_length=500, blank=True)
    training_completed = models.BooleanField(_("completed the peer-supporter training"), default=False)
    approved = models.BooleanField(_("approved by staff"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=SignupStatus.choices, default=SignupStatus.ACTIVE
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    anonymised_at = models.DateTimeField(
        _("personal details removed at"), null=True, blank=True, editable=False
    )
    consented_at = models.DateTimeField(_("consent given at"))
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["program", "side", "created_at"]
        verbose_name = _("buddy sign-up")
        verbose_name_plural = _("buddy sign-ups")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "program",
                "side",
                condition=Q(status=SignupStatus.ACTIVE),
                name="buddy_signup_one_active_per_email_and_side",
                violation_error_message=_("This email has already signed up for this side of the program."),
            ),
            guardian_consent_constraint("buddy_signup_under_18_has_guardian_consent"),
        ]

    def __str__(self):
        return f"{self.first_name} ({self.school_class}) · {self.get_side_display()}"

    @property
    def staff_label(self):
        return signup_staff_label(self.first_name, self.school_class, self.created_at, self.pk)

    @property
    def is_active(self):
        return self.status == SignupStatus.ACTIVE


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    PROGRAM_ENDED = "program_ended", _("The program came to its end")
    ASKED = "asked", _("One of them asked to end it")
    NOT_A_GOOD_MATCH = "not_a_match", _("It was not a good match")
    LEFT = "left", _("One of them left the program or the school")
    OTHER = "other", _("Another reason")


class BuddyPair(models.Model):
    """A buddy and the student they look after: proposed by staff, then active, then ended."""

    program = models.ForeignKey(
        BuddyProgram, verbose_name=_("buddy program"), on_delete=models.PROTECT, related_name="pairs"
    )
    buddy = models.ForeignKey(
        BuddySignup, verbose_name=_("buddy"), on_delete=models.PROTECT, related_name="pairs_as_buddy"
    )
    mentee = models.ForeignKey(
        BuddySignup, verbose_name=_("student"), on_delete=models.PROTECT, related_name="pairs_as_mentee"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    score = models.IntegerField(_("match score"), default=0)
    reasons = models.JSONField(_("why they were matched"), default=list, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=EndReason.choices, blank=True)
    needs_attention_since = models.DateTimeField(
        _("needs attention since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by an “I'd like help” check-in, or by two check-ins in a row left unanswered."),
    )
    attention_cleared_at = models.DateTimeField(
        _("attention cleared at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["program", "status", "created_at"]
        verbose_name = _("buddy pair")
        verbose_name_plural = _("buddy pairs")
        constraints = [
            # A student is in at most one pair of a program that has not ended.
            models.UniqueConstraint(
                "program",
                "mentee",
                condition=~Q(status=PairStatus.ENDED),
                name="buddy_pair_one_open_per_mentee",
            ),
        ]

    def __str__(self):
        return f"{self.buddy.first_name} + {self.mentee.first_name} · {self.get_status_display()}"

    @property
    def is_proposed(self):
        return self.status == PairStatus.PROPOSED

    @property
    def is_active(self):
        return self.status == PairStatus.ACTIVE

    @property
    def ended_early(self):
        return self.status == PairStatus.ENDED and self.end_reason != EndReason.PROGRAM_ENDED


class CheckInKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CLOSING = "closing", _("When the pair ended")


class CheckInAnswer(models.TextChoices):
    GOING_WELL = "going_well", _("Going well")
    OKAY = "okay", _("It's okay")
    HELP = "help", _("I'd like help")


class AgainAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class PairCheckIn(models.Model):
    """One student's answer (or not yet) to one round of "how is it going?", or to the closing questions.

    One row per pair, student, kind and round: the unique rule is what keeps a check-in from
    going out twice, whoever runs the periodic step.
    """

    pair = models.ForeignKey(
        BuddyPair, verbose_name=_("pair"), on_delete=models.CASCADE, related_name="check_ins"
    )
    signup = models.ForeignKey(
        BuddySignup, verbose_name=_("student"), on_delete=models.CASCADE, related_name="check_ins"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=CheckInKind.choices, default=CheckInKind.CHECK_IN
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    sent_at = models.DateTimeField(_("sent at"))
    token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    answer = models.CharField(_("answer"), max_length=20, choices=CheckInAnswer.choices, blank=True)
    again = models.CharField(_("would do it again"), max_length=10, choices=AgainAnswer.choices, blank=True)
    comment = models.CharField(_("their words"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["pair", "sent_at", "signup"]
        verbose_name = _("pair check-in")
        verbose_name_plural = _("pair check-ins")
        constraints = [
            models.UniqueConstraint(
                "pair", "signup", "kind", "round", name="buddy_check_in_once_per_round_and_student"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.round} · {format_local(self.sent_at)}"

    @property
    def is_closing(self):
        return self.kind == CheckInKind.CLOSING

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def asks_for_help(self):
        return self.answer == CheckInAnswer.HELP


class PairNote(StaffNote):
    """Staff's note of a conversation with a pair (what was agreed, not a record of the students' lives)."""

    pair = models.ForeignKey(
        BuddyPair, verbose_name=_("pair"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("note"), max_length=1000)
    cleared_attention = models.BooleanField(_("the pair no longer needs attention"), default=False)

    class Meta:
        ordering = ["pair", "created_at"]
        verbose_name = _("pair note")
        verbose_name_plural = _("pair notes")


class BuddyEmailKind(models.TextChoices):
    SIGNED_UP = "signed_up", _("Sign-up received")
    WITHDRAWN = "withdrawn", _("Sign-up withdrawn")
    PAIRED = "paired", _("Paired")
    PAIR_ENDED = "pair_ended", _("Pair ended")
    ALREADY_SIGNED_UP = "already_signed_up", _("Asked again: already signed up")
    CHECK_IN = "check_in", _("Check-in: how is it going?")
    CLOSING = "closing", _("The pair ended: how did it go?")


class BuddyEmail(OutboxEmail):
    """An email about a buddy sign-up or pair (see core.models.OutboxEmail for how it is sent)."""

    signup = models.ForeignKey(
        BuddySignup, verbose_name=_("sign-up"), on_delete=models.CASCADE, related_name="emails"
    )
    pair = models.ForeignKey(
        BuddyPair,
        verbose_name=_("pair"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    check_in = models.ForeignKey(
        PairCheckIn,
        verbose_name=_("check-in"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    to_guardian = models.BooleanField(_("to the parent or guardian"), default=False)
    kind = models.CharField(_("kind"), max_length=20, choices=BuddyEmailKind.choices)

    class Meta(OutboxEmail.Meta):
        verbose_name = _("buddy email")
        verbose_name_plural = _("buddy emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="buddies_email_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {format_local(self.created_at)}"
