"""Emails about bookings: built in the person's language, claimed before sending, retried with backoff."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from booking.calendar import booking_calendar
from booking.models import Notification, NotificationKind, NotificationStatus
from core.models import SiteSettings
from core.selectors import crisis_hotlines

logger = logging.getLogger(__name__)

SUBJECTS = {
    # Neutral on purpose: a shared inbox should not reveal which service someone uses.
    NotificationKind.CONFIRMATION: gettext_lazy("Your appointment is confirmed"),
    NotificationKind.CANCELLATION: gettext_lazy("Your appointment is cancelled"),
    NotificationKind.SESSION_CANCELLED: gettext_lazy("Your appointment has been cancelled"),
    NotificationKind.SESSION_CHANGED: gettext_lazy("Your appointment has changed"),
}
INTRODUCTIONS = {
    NotificationKind.CONFIRMATION: gettext_lazy("Your booking is confirmed."),
    NotificationKind.CANCELLATION: gettext_lazy("Your booking is cancelled, as you asked."),
    NotificationKind.SESSION_CANCELLED: gettext_lazy(
        "We are sorry: we had to cancel this session. You do not need to do anything. "
        "You are welcome to book another time."
    ),
    NotificationKind.SESSION_CHANGED: gettext_lazy(
        "Your appointment has changed. Here are the new details; the calendar file attached "
        "updates the entry in your calendar."
    ),
}
CANCELLING_KINDS = {NotificationKind.CANCELLATION, NotificationKind.SESSION_CANCELLED}


def manage_url(booking):
    with translation.override(booking.language):
        path = reverse("booking:manage", kwargs={"token": booking.manage_token})
    return settings.RANGKUL_BASE_URL.rstrip("/") + path


def _organisation_name():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).organisation_name if site else "Rangkul"


def build_message(notification):
    booking = notification.booking
    session = booking.session
    cancelled = notification.kind in CANCELLING_KINDS
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "session": session,
            "offering": session.offering,
            "intro": INTRODUCTIONS[notification.kind],
            "show_manage_link": not cancelled,
            "manage_url": manage_url(booking),
            "organisation": _organisation_name(),
            "hotlines": crisis_hotlines(),
        }
        subject = str(SUBJECTS[notification.kind])
        text = render_to_string("booking/email/notification.txt", context)
        html = render_to_string("booking/email/notification.html", context)
        calendar = booking_calendar(booking, cancelled=cancelled)
        filename = _("appointment.ics")
    message = EmailMultiAlternatives(subject=subject, body=text, to=[booking.email])
    message.attach_alternative(html, "text/html")
    method = "CANCEL" if cancelled else "REQUEST"
    message.attach(filename, calendar, f"text/calendar; charset=utf-8; method={method}")
    return message


def retry_delay(attempts):
    """How long to wait after the given number of failed attempts (the last delay repeats)."""
    schedule = settings.BOOKING_EMAIL_RETRY_MINUTES
    return datetime.timedelta(minutes=schedule[min(attempts, len(schedule)) - 1])


def notification_claim(notification_id, *, now):
    """Mark one email as being sent, if nobody else has: True for the one sender that wins."""
    return bool(
        Notification.objects.filter(
            pk=notification_id,
            status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED],
            attempts__lt=settings.BOOKING_EMAIL_MAX_ATTEMPTS,
        ).update(status=NotificationStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def notification_send(*, notification_id):
    """Send one email once. Returns True when this call sent it; a failure is recorded, never raised."""
    now = timezone.now()
    if not notification_claim(notification_id, now=now):
        return False  # sent already, being sent by another worker, or given up
    notification = Notification.objects.select_related(
        "booking__session__offering", "booking__session__counselor"
    ).get(pk=notification_id)
    try:
        build_message(notification).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried later, never lost
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.FAILED,
            last_error=type(error).__name__,
            next_attempt_at=timezone.now() + retry_delay(notification.attempts),
        )
        logger.warning(
            "Email %s could not be sent (attempt %s, %s); it will be retried.",
            notification.pk,
            notification.attempts,
            type(error).__name__,
        )
        return False
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENT, last_error="", sent_at=timezone.now(), next_attempt_at=None
    )
    return True
