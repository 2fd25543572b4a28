"""Requests for help without choosing a time, and reports of bullying or violence.

A report goes to the school safety team (TPPK, Permendikbudristek 46/2023) only; a request
to the counselors. What a young person wrote is never put in an email, a listing or a log
line: staff read it on the request's own page, where each reading is logged.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from core.i18n import TranslatedField
from core.localtime import format_local
from core.models import OutboxEmail, StaffNote
from core.people import new_manage_token
from support.chooser import QuestionBlock, SuggestionBlock


def staff_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class RequestKind(models.TextChoices):
    REQUEST = "request", _("Request to be contacted")
    REPORT = "report", _("Report of bullying or violence")


class ForWhom(models.TextChoices):
    MYSELF = "myself", _("For myself")
    FRIEND = "friend", _("For a friend")


class Topic(models.TextChoices):
    FEELINGS = "feelings", _("How I feel (stress, worry, sadness)")
    SCHOOL = "school", _("School and studying")
    FRIENDS_FAMILY = "friends_family", _("Friends, family or relationships")
    BULLYING = "bullying", _("Bullying, online or at school")
    VIOLENCE = "violence", _("Violence or someone hurting me or someone else")
    LOSS = "loss", _("Loss, grief or a frightening event")
    OTHER = "other", _("Something else")
    IN_PERSON = "in_person", _("I'd rather say in person")


class ContactWay(models.TextChoices):
    AT_SCHOOL = "at_school", _("At school, through my class")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    WHATSAPP = "whatsapp", _("WhatsApp message")


class RequestStatus(models.TextChoices):
    NEW = "new", _("Received")
    CONTACTED = "contacted", _("Contacted")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = [RequestStatus.NEW, RequestStatus.CONTACTED, RequestStatus.REFERRED]


class Outcome(models.TextChoices):
    BOOKED = "booked", _("Booked a session")
    GROUP = "group", _("Joined a group")
    BUDDY = "buddy", _("Signed up for a buddy")
    REFERRED_OUTSIDE = "referred_outside", _("Referred to help outside school")
    HANDLED_BY_TEAM = "handled_by_team", _("Handled by the school safety team")
    NO_FURTHER_CONTACT = "no_further_contact", _("No further contact")


class HelpRequest(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    for_whom = models.CharField(_("for whom"), max_length=10, choices=ForWhom.choices)
    topic = models.CharField(_("what it is about"), max_length=20, choices=Topic.choices, blank=True)
    details = models.TextField(_("in their words"), max_length=2000, blank=True)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name or nickname"), max_length=60, blank=True)
    school_class = models.CharField(_("class"), max_length=10, blank=True)
    contact_way = models.CharField(
        _("how to reach them"), max_length=10, choices=ContactWay.choices, blank=True
    )
    contact = models.CharField(_("email or number"), max_length=254, blank=True)
    good_times = models.CharField(_("when is good"), max_length=120, blank=True)
    no_parents = models.BooleanField(_("asked that their parents are not contacted"), default=False)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
    )
    status_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(_("details removed"), null=True, blank=True)

    class Meta:
        ordering = ["-is_urgent", "-created_at"]
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        permissions = [
            ("take_requests", _("Can take new requests for help")),
            ("view_all_requests", _("Can see every request for help")),
            ("handle_reports", _("Can see and handle reports of bullying or violence")),
        ]
        constraints = [
            # An anonymous report carries no way back to the person but its status link.
            models.CheckConstraint(
                condition=Q(is_anonymous=False)
                | (Q(kind="report") & Q(name="") & Q(contact="") & Q(school_class="")),
                name="support_anonymous_reports_only_without_contact",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(outcome=""),
                name="support_closed_with_an_outcome",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status", "-created_at"], name="support_queue_idx")]

    def __str__(self):
        # Labels in listings and history never carry what the person wrote or who they are.
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_report(self):
        return self.kind == RequestKind.REPORT

    @property
    def is_closed(self):
        return self.status == RequestStatus.CLOSED

    @property
    def is_new(self):
        return self.status == RequestStatus.NEW

    @property
    def reply_email(self):
        """The address the person asked us to use, if they chose email."""
        return self.contact if self.contact_way == ContactWay.EMAIL else ""

    @property
    def assignee_name(self):
        return staff_name(self.assigned_to)

    @property
    def received_label(self):
        return format_local(self.created_at)


class HelpRequestNote(StaffNote):
    """What staff did or agreed, seen only by whoever may see the request."""

    request = models.ForeignKey(
        HelpRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("note"), max_length=2000)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def author_name(self):
        return staff_name(self.author)


class SupportEmailKind(models.TextChoices):
    RECEIVED = "received", _("Request received")
    STAFF_ALERT = "staff_alert", _("New request, to staff")


class SupportEmail(OutboxEmail):
    """An email about a request: to the person (their status link) or to staff (a link to the admin).

    Neither names the topic or anything the person wrote."""

    request = models.ForeignKey(
        HelpRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="emails"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SupportEmailKind.choices)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(OutboxEmail.Meta):
        verbose_name = _("request email")
        verbose_name_plural = _("request emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="support_email_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} · {format_local(self.created_at)}"


@register_setting(icon="help")
class HelpChooser(BaseGenericSetting):
    """ "Which help fits me?": one set of questions for the whole site, each text in both languages."""

    intro = models.TextField(_("introduction"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    questions = StreamField([("question", QuestionBlock())], blank=True, verbose_name=_("questions"))
    suggestions = StreamField(
        [("suggestion", SuggestionBlock())],
        blank=True,
        verbose_name=_("suggestions"),
        help_text=_("One per kind of help, in the order shown when answers point to two kinds equally."),
    )

    localized_intro = TranslatedField("intro", "intro_en")

    class Meta:
        verbose_name = _("Which help fits me?")
