"""Emails about bookings, built in the person's language; core.outbox sends each once."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from booking.emails.calendar import booking_calendar, meeting_link_for
from booking.models import (
    Booking,
    BookingEmail,
    BookingEmailKind,
    BookingStatus,
    WaitingListEmail,
    WaitingListEmailKind,
)
from core.models import SiteSettings
from core.outbox import outbox_send
from core.selectors import crisis_hotlines

SUBJECTS = {
    # Neutral on purpose: a shared inbox should not reveal which service someone uses.
    BookingEmailKind.CONFIRMATION: gettext_lazy("Your appointment is confirmed"),
    BookingEmailKind.CANCELLATION: gettext_lazy("Your appointment is cancelled"),
    BookingEmailKind.CANCELLED_BY_STAFF: gettext_lazy("Your appointment is cancelled"),
    BookingEmailKind.SESSION_CANCELLED: gettext_lazy("Your appointment has been cancelled"),
    BookingEmailKind.SESSION_CHANGED: gettext_lazy("Your appointment has changed"),
    BookingEmailKind.MOVED: gettext_lazy("Your appointment has changed"),
    BookingEmailKind.REMINDER: gettext_lazy("Reminder: your appointment"),
    BookingEmailKind.ALREADY_BOOKED: gettext_lazy("About your appointment"),
    BookingEmailKind.CONFIRM_REQUEST: gettext_lazy("Please confirm your appointment"),
    BookingEmailKind.FEEDBACK_REQUEST: gettext_lazy("How was your session?"),
    BookingEmailKind.MISSED_SESSIONS: gettext_lazy("We are still here for you"),
}
INTRODUCTIONS = {
    BookingEmailKind.CONFIRMATION: gettext_lazy("Your booking is confirmed."),
    BookingEmailKind.CANCELLATION: gettext_lazy(
        "Your booking is cancelled, as you asked with your link. You are welcome to book again whenever you like."
    ),
    BookingEmailKind.CANCELLED_BY_STAFF: gettext_lazy(
        "We are sorry: our staff have cancelled your booking. If you did not expect this, reply to this email "
        "or contact us. You are welcome to book another time."
    ),
    BookingEmailKind.SESSION_CANCELLED: gettext_lazy(
        "We are sorry: we had to cancel this session. You do not need to do anything. "
        "You are welcome to book another time."
    ),
    BookingEmailKind.SESSION_CHANGED: gettext_lazy(
        "Your appointment has changed. Here are the new details; the calendar file attached "
        "updates the entry in your calendar."
    ),
    BookingEmailKind.MOVED: gettext_lazy(
        "Your booking is moved to the new time, as you asked with your link. Here are the new details; the "
        "calendar file attached updates the entry in your calendar."
    ),
    BookingEmailKind.REMINDER: gettext_lazy(
        "A reminder of your appointment. Cannot come? Please cancel with the link below, so someone "
        "else can have the place."
    ),
    BookingEmailKind.ALREADY_BOOKED: gettext_lazy(
        "Someone, perhaps you, asked to book this session with your email address. You already have a "
        "place, so nothing has changed. If it was not you, you can ignore this email."
    ),
    BookingEmailKind.CONFIRM_REQUEST: gettext_lazy(
        "We are keeping this place for you. To make it yours, open the link below and press “Confirm my booking” "
        "before the time shown. If it was not you who booked, ignore this email and the place will be "
        "given back."
    ),
    BookingEmailKind.FEEDBACK_REQUEST: gettext_lazy(
        "Thank you for coming to your session. Would you tell us how it went? Four quick questions, and a line if "
        "you like. It is up to you, it is anonymous (your name is not kept with your answers), and it helps "
        "us make the sessions better."
    ),
    BookingEmailKind.MISSED_SESSIONS: gettext_lazy(
        "We noticed you could not come to your last sessions. That is okay: things come up, and you are not "
        "in trouble. You are always welcome to book again, at a time that suits you better. If something is "
        "making it hard to come, or you would rather talk another way, reply to this email or tell the "
        "school counselor."
    ),
}
# Emails after a session: no session details, no calendar file, a link forward instead.
FOLLOW_UP_KINDS = {BookingEmailKind.FEEDBACK_REQUEST, BookingEmailKind.MISSED_SESSIONS}
CANCELLING_KINDS = {
    BookingEmailKind.CANCELLATION,
    BookingEmailKind.CANCELLED_BY_STAFF,
    BookingEmailKind.SESSION_CANCELLED,
}


WAITING_SUBJECTS = {
    WaitingListEmailKind.JOINED: gettext_lazy("You are on the waiting list"),
    WaitingListEmailKind.OFFER: gettext_lazy("A place is free for you"),
    WaitingListEmailKind.PLACE_FREE: gettext_lazy("A place is free"),
    WaitingListEmailKind.EXPIRED: gettext_lazy("The place we kept for you has passed on"),
    WaitingListEmailKind.SESSION_CANCELLED: gettext_lazy("A session you were waiting for is cancelled"),
}
WAITING_INTRODUCTIONS = {
    WaitingListEmailKind.OFFER: gettext_lazy(
        "A place has become free and we are keeping it for you. Book it with the link below before the "
        "time shown; after that it goes to the next person in line."
    ),
    WaitingListEmailKind.PLACE_FREE: gettext_lazy(
        "A place has become free. Everyone on the waiting list hears this at the same time: the first to "
        "book gets the place."
    ),
    WaitingListEmailKind.EXPIRED: gettext_lazy(
        "The place we kept for you was not booked in time, so it has gone to the next person in line. "
        "You are welcome to choose another time."
    ),
    WaitingListEmailKind.SESSION_CANCELLED: gettext_lazy(
        "We are sorry: we had to cancel this session, so its waiting list is closed. You do not need to do "
        "anything. You are welcome to book another time."
    ),
}
JOINED_INTRODUCTIONS = {
    True: gettext_lazy(
        "You are on the waiting list for this session. If a place becomes free, we email the first person "
        "in line and keep the place for them for a while. You do not need to do anything else."
    ),
    False: gettext_lazy(
        "You are on the waiting list for this session. If a place becomes free, we email everyone waiting, "
        "and the first to book gets it."
    ),
}
ENDED_KINDS = {WaitingListEmailKind.EXPIRED, WaitingListEmailKind.SESSION_CANCELLED}


def _absolute(language, name, token):
    with translation.override(language):
        path = reverse(name, kwargs={"token": token})
    return settings.RANGKUL_BASE_URL.rstrip("/") + path


def manage_url(booking):
    return _absolute(booking.language, "booking:manage", booking.manage_token)


def book_again_url(offering, language):
    """The offering's booking page, the way back after a cancellation."""
    with translation.override(language):
        path = reverse("booking:offering", kwargs={"slug": offering.slug})
    return settings.RANGKUL_BASE_URL.rstrip("/") + path


def waiting_url(entry):
    return _absolute(entry.language, "booking:waiting", entry.manage_token)


def _organisation_name():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).organisation_name if site else "Rangkul"


def feedback_url(booking):
    return _absolute(booking.language, "booking:feedback", booking.feedback_invitation.token)


def build_follow_up_message(booking_email, booking):
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "session": booking.session,
            "offering": booking.session.offering,
            "meeting_link": "",
            "intro": INTRODUCTIONS[booking_email.kind],
            "feedback_url": feedback_url(booking)
            if booking_email.kind == BookingEmailKind.FEEDBACK_REQUEST
            else "",
            "book_again_url": book_again_url(booking.session.offering, booking.language),
            "organisation": _organisation_name(),
            "hotlines": crisis_hotlines(),
        }
        subject = str(SUBJECTS[booking_email.kind])
        text = render_to_string("booking/email/follow_up.txt", context)
        html = render_to_string("booking/email/follow_up.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[booking.email])
    message.attach_alternative(html, "text/html")
    return message


def build_message(booking_email):
    booking = Booking.objects.select_related("session__offering", "session__counselor").get(
        pk=booking_email.booking_id
    )
    if booking_email.kind in FOLLOW_UP_KINDS:
        return build_follow_up_message(booking_email, booking)
    session = booking.session
    cancelled = booking_email.kind in CANCELLING_KINDS
    # A held place is not in anyone's calendar until it is confirmed.
    with_calendar = booking.status != BookingStatus.PENDING
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "session": session,
            "offering": session.offering,
            "intro": INTRODUCTIONS[booking_email.kind],
            "show_manage_link": not cancelled,
            "meeting_link": "" if cancelled else meeting_link_for(booking),
            "book_again_url": book_again_url(session.offering, booking.language) if cancelled else "",
            "confirm_by": booking.confirm_by if booking.status == BookingStatus.PENDING else None,
            "manage_url": manage_url(booking),
            "organisation": _organisation_name(),
            "hotlines": crisis_hotlines(),
        }
        subject = str(SUBJECTS[booking_email.kind])
        text = render_to_string("booking/email/booking.txt", context)
        html = render_to_string("booking/email/booking.html", context)
        calendar = booking_calendar(booking, cancelled=cancelled)
        filename = _("appointment.ics")
    message = EmailMultiAlternatives(subject=subject, body=text, to=[booking.email])
    message.attach_alternative(html, "text/html")
    if with_calendar:
        method = "CANCEL" if cancelled else "REQUEST"
        message.attach(filename, calendar, f"text/calendar; charset=utf-8; method={method}")
    return message


def booking_email_send(*, email_id):
    """Send one booking email once (see core.outbox)."""
    return outbox_send(BookingEmail, email_id, build_message)


def build_waiting_list_message(email):
    entry = email.entry
    session = entry.session
    offering = session.offering
    with translation.override(entry.language):
        if email.kind == WaitingListEmailKind.JOINED:
            intro = JOINED_INTRODUCTIONS[offering.waiting_list == "in_turn"]
        else:
            intro = WAITING_INTRODUCTIONS[email.kind]
        context = {
            "entry": entry,
            "session": session,
            "offering": offering,
            "intro": intro,
            "offer_open_until": entry.offer_expires_at if email.kind == WaitingListEmailKind.OFFER else None,
            "show_link": email.kind not in ENDED_KINDS,
            "link_is_to_book": email.kind in (WaitingListEmailKind.OFFER, WaitingListEmailKind.PLACE_FREE),
            "book_again_url": book_again_url(offering, entry.language) if email.kind in ENDED_KINDS else "",
            "waiting_url": waiting_url(entry),
            "organisation": _organisation_name(),
            "hotlines": crisis_hotlines(),
        }
        subject = str(WAITING_SUBJECTS[email.kind])
        text = render_to_string("booking/email/waiting_list.txt", context)
        html = render_to_string("booking/email/waiting_list.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[entry.email])
    message.attach_alternative(html, "text/html")
    return message


def waiting_list_email_send(*, email_id):
    """Send one waiting-list email once (see core.outbox)."""
    return outbox_send(WaitingListEmail, email_id, build_waiting_list_message)
