"""What every app shares: hotlines and site-wide settings."""

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.i18n import TranslatedField
from core.localtime import format_local


class Hotline(models.Model):
    """An emergency or help line: one row whatever the language, so a corrected number is correct everywhere.

    Only the texts have an English variant (empty falls back to Bahasa Indonesia). Check
    the numbers regularly and update "last verified".
    """

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    number = models.CharField(
        _("phone number"), max_length=30, blank=True, help_text=_("As people dial it, e.g. 112.")
    )
    extension = models.CharField(
        _("extension"), max_length=10, blank=True, help_text=_("Number to press after calling.")
    )
    whatsapp = models.CharField(
        _("WhatsApp number"), max_length=30, blank=True, help_text=_("e.g. 0811-1129-129")
    )
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("hours"), max_length=80, blank=True, help_text=_("e.g. 24 jam"))
    hours_en = models.CharField(_("hours (English)"), max_length=80, blank=True, help_text=_("e.g. 24 hours"))
    description = models.CharField(
        _("short description"), max_length=200, help_text=_("Who it is for, in a few words.")
    )
    description_en = models.CharField(_("short description (English)"), max_length=200, blank=True)
    last_verified = models.DateField(
        _("last verified"), help_text=_("The date someone last checked this number works.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_in_crisis_bar = models.BooleanField(
        _("show in the crisis bar"),
        default=False,
        help_text=_("The crisis bar at the top of every page shows these, in this order."),
    )

    localized_name = TranslatedField("name", "name_en")
    localized_hours = TranslatedField("hours", "hours_en")
    localized_description = TranslatedField("description", "description_en")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("number"), FieldPanel("extension")]),
        FieldRowPanel([FieldPanel("whatsapp"), FieldPanel("website")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("hours_en")]),
        FieldRowPanel([FieldPanel("description"), FieldPanel("description_en")]),
        FieldPanel("last_verified"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("show_in_crisis_bar")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")

    def __str__(self):
        return self.name

    @property
    def tel_href(self):
        digits = "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
        return f"tel:{digits},{self.extension}" if self.extension else f"tel:{digits}"

    @property
    def whatsapp_href(self):
        digits = "".join(ch for ch in self.whatsapp if ch.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}"


def linked_page(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


class StaffNote(models.Model):
    """What a staff member wrote down about a record (a request for help, a buddy pair): who and when."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return format_local(self.created_at)


def address_networks(text):
    """The networks listed one per line (a single address is a network of one); raises ValueError."""
    return [ipaddress.ip_network(line.strip(), strict=False) for line in text.splitlines() if line.strip()]


def validate_address_list(text):
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                ipaddress.ip_network(line.strip(), strict=False)
            except ValueError as error:
                raise ValidationError(
                    _("Line %(number)d is not an internet address or network: %(line)s"),
                    params={"number": number, "line": line.strip()},
                    code="invalid",
                ) from error


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and site-wide text, edited under Settings → Site settings."""

    organisation_name = models.CharField(_("organisation name"), max_length=120, default="Rangkul")
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    counselor_name = models.CharField(
        _("school counselor's name"),
        max_length=120,
        blank=True,
        help_text=_("The counselor families can contact directly."),
    )
    counselor_phone = models.CharField(_("school counselor's phone"), max_length=30, blank=True)
    counselor_email = models.EmailField(_("school counselor's email"), blank=True)
    counselor_hours = models.CharField(_("school counselor's hours"), max_length=120, blank=True)
    counselor_hours_en = models.CharField(_("school counselor's hours (English)"), max_length=120, blank=True)
    footer_text = models.TextField(_("footer text (Bahasa Indonesia)"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)
    crisis_page = linked_page(_("crisis resources page"), _("Linked from the crisis bar on every page."))
    privacy_page = linked_page(
        _("privacy notice page"), _("Linked from the footer and from every booking form.")
    )
    safety_page = linked_page(_("staying safe online page"), _("Linked next to the “Exit this page” button."))
    exit_url = models.URLField(
        _("“Exit this page” address"),
        default="https://www.bmkg.go.id/",
        help_text=_("A neutral site, such as a weather forecast, that the exit button leads to."),
    )

    trusted_addresses = models.TextField(
        _("the school's own internet addresses"),
        blank=True,
        validators=[validate_address_list],
        help_text=_(
            "One address or network per line (for example 203.0.113.7 or 203.0.113.0/28). Forms sent "
            "from these get a higher ceiling, for a school where every student shares one address."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("counselor_name"),
                FieldPanel("counselor_phone"),
                FieldPanel("counselor_email"),
                FieldRowPanel([FieldPanel("counselor_hours"), FieldPanel("counselor_hours_en")]),
            ],
            heading=_("School counselor"),
        ),
        MultiFieldPanel(
            [FieldPanel("crisis_page"), FieldPanel("privacy_page"), FieldPanel("safety_page")],
            heading=_("Pages linked on every page"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("footer_text_en"),
        FieldPanel("exit_url"),
        FieldPanel("trusted_addresses"),
    ]

    class Meta:
        verbose_name = _("site settings")

    localized_footer_text = TranslatedField("footer_text", "footer_text_en")
    localized_counselor_hours = TranslatedField("counselor_hours", "counselor_hours_en")

    @property
    def counselor_tel_href(self):
        return "tel:" + "".join(ch for ch in self.counselor_phone if ch.isdigit() or ch == "+")


class ContentVersion(models.Model):
    """One number that grows whenever published content changes (pages, hotlines, settings).

    Cached pages and site-wide fragments are keyed by it, so an editor's change shows at
    once in every process, whatever cache each process has.
    """

    number = models.PositiveBigIntegerField(default=0)
    # Grows when sessions are generated: every offering's free times may change at once.
    # A single booking raises only the stamps of what it changed (AvailabilityStamp).
    availability = models.PositiveBigIntegerField(default=0)
    # Grows (with ``number``) when what every page shares changes: sites, site settings, hotlines,
    # locales. What is read from those alone outlives a page's publication.
    site_wide = models.PositiveBigIntegerField(default=0)
    # Grows after any availability stamp: while it stays the same, a process may reuse the stamps it read.
    stamps = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.number)


class AvailabilityStamp(models.Model):
    """A number per scope of free times (one offering, one program page) that grows when they change.

    Cached free times are keyed by the stamps of what they show, so a booking renews only the
    free times it changed, in every process.
    """

    scope = models.CharField(max_length=80, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("availability stamp")

    def __str__(self):
        return f"{self.scope}: {self.number}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxEmail(models.Model):
    """An email owed to a person, written in the same transaction as the change it reports.

    Sending happens after commit (core.outbox). A sender first claims the row (pending or
    failed → sending, in one conditional UPDATE), so two workers never send it twice; a
    failure is recorded (the error type only, never the message, which may contain
    addresses) and retried with backoff until ``RANGKUL_EMAIL_MAX_ATTEMPTS``, after which
    staff see it and can send it again.
    """

    status = models.CharField(
        _("status"), max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    @property
    def has_given_up(self):
        return self.status == OutboxStatus.FAILED and self.attempts >= settings.RANGKUL_EMAIL_MAX_ATTEMPTS


class PersonalDataEvent(models.Model):
    """Who handled personal data in bulk, when and how: exports, data requests, retention runs.

    Holds counts and filters only, never the data itself or the email a request was about.
    """

    at = models.DateTimeField(_("at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40)
    subject = models.CharField(_("what"), max_length=120)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data event")
        verbose_name_plural = _("personal data events")
        permissions = [
            ("export_personal_data", _("Can export people's records")),
            (
                "handle_data_requests",
                _("Can answer data requests: find, export and erase a person's records"),
            ),
        ]

    def __str__(self):
        return f"{self.action} · {self.subject}"


class SpreadsheetStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Could not be built")


class SpreadsheetFile(models.Model):
    """An XLSX export too large to build in a request, built by a task worker for the staff
    member who asked, and removed a day after it was asked for.

    The file is kept in the database rather than in media storage: nothing under ``/media/``
    can ever serve it, the web and the worker share it wherever they run, and it goes with the row.
    """

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked for by"), on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("what"), max_length=120)
    # The admin listing and its filters, as the staff member asked: the worker builds the file
    # through the same view, with that person's permissions at the time it runs.
    listing_path = models.CharField(max_length=200)
    listing_query = models.TextField(blank=True)
    filename = models.CharField(max_length=120)
    # The admin's language when it was asked for: the worker writes the headings and labels in it.
    language = models.CharField(max_length=10)
    status = models.CharField(
        _("status"), max_length=20, choices=SpreadsheetStatus.choices, default=SpreadsheetStatus.QUEUED
    )
    # Counted when asked, and again as the worker reads the rows (bookings may have come in between).
    rows = models.PositiveIntegerField(_("rows"))
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    content = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet file")
        verbose_name_plural = _("spreadsheet files")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.filename

    @property
    def is_ready(self):
        return self.status == SpreadsheetStatus.READY

    @property
    def is_finished(self):
        """Ready or given up: nothing about it changes any more."""
        return self.status in (SpreadsheetStatus.READY, SpreadsheetStatus.FAILED)
