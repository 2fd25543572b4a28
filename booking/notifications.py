"""Emails about bookings: built in the person's language, sent after commit, retried on failure."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from booking.calendar import booking_calendar
from booking.models import Notification, NotificationKind, NotificationStatus
from core.models import SiteSettings
from core.selectors import crisis_hotlines

logger = logging.getLogger(__name__)

SUBJECTS = {
    # Neutral on purpose: a shared inbox should not reveal which service someone uses.
    NotificationKind.CONFIRMATION: _("Your appointment is confirmed"),
    NotificationKind.CANCELLATION: _("Your appointment is cancelled"),
    NotificationKind.SESSION_CANCELLED: _("Your appointment has been cancelled"),
}


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
    with translation.override(booking.language), timezone.override(settings.TIME_ZONE):
        context = {
            "booking": booking,
            "session": session,
            "offering": session.offering,
            "kind": notification.kind,
            "manage_url": manage_url(booking),
            "organisation": _organisation_name(),
            "hotlines": crisis_hotlines(
                locale=Locale.objects.filter(language_code=booking.language).first() or Locale.get_default()
            ),
        }
        subject = str(SUBJECTS[notification.kind])
        text = render_to_string("booking/email/notification.txt", context)
        html = render_to_string("booking/email/notification.html", context)
        cancelled = notification.kind != NotificationKind.CONFIRMATION
        calendar = booking_calendar(booking, cancelled=cancelled, manage_link=context["manage_url"])
    message = EmailMultiAlternatives(subject=subject, body=text, to=[booking.email])
    message.attach_alternative(html, "text/html")
    method = "CANCEL" if cancelled else "REQUEST"
    message.attach("janji-temu.ics", calendar, f"text/calendar; charset=utf-8; method={method}")
    return message


def notification_send(*, notification_id):
    """Send one notification. Returns True when sent; a failure is recorded, never raised."""
    notification = (
        Notification.objects.select_related("booking__session__offering").filter(pk=notification_id).first()
    )
    if notification is None or notification.status == NotificationStatus.SENT:
        return notification is not None
    try:
        build_message(notification).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried later, never lost
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.FAILED, attempts=F("attempts") + 1, last_error=type(error).__name__
        )
        logger.warning(
            "Email %s could not be sent (%s); it will be retried.", notification.pk, type(error).__name__
        )
        return False
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENT, attempts=F("attempts") + 1, last_error="", sent_at=timezone.now()
    )
    return True
