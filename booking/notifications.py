"""Emails about bookings, built in the person's language; core.outbox sends each once."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from booking.calendar import booking_calendar
from booking.models import Booking, Notification, NotificationKind
from core.models import SiteSettings
from core.outbox import outbox_send
from core.selectors import crisis_hotlines

SUBJECTS = {
    # Neutral on purpose: a shared inbox should not reveal which service someone uses.
    NotificationKind.CONFIRMATION: gettext_lazy("Your appointment is confirmed"),
    NotificationKind.CANCELLATION: gettext_lazy("Your appointment is cancelled"),
    NotificationKind.SESSION_CANCELLED: gettext_lazy("Your appointment has been cancelled"),
    NotificationKind.SESSION_CHANGED: gettext_lazy("Your appointment has changed"),
    NotificationKind.REMINDER: gettext_lazy("Reminder: your appointment"),
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
    NotificationKind.REMINDER: gettext_lazy(
        "A reminder of your appointment. Cannot come? Please cancel with the link below, so someone "
        "else can have the place."
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
    booking = Booking.objects.select_related("session__offering", "session__counselor").get(
        pk=notification.booking_id
    )
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


def notification_send(*, notification_id):
    """Send one booking email once (see core.outbox)."""
    return outbox_send(Notification, notification_id, build_message)
