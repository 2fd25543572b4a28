"""iCalendar files for bookings, built with the icalendar library."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText


def booking_calendar(booking, *, cancelled):
    """One event, stable UID per booking; SEQUENCE rises with every change.

    The title is neutral ("Appointment") and there is no manage link (it is in the email
    only): a family calendar shared with others reveals nothing and lets nobody cancel.
    Call inside translation.override(booking.language).
    """
    session = booking.session
    offering = session.offering
    calendar = Calendar()
    calendar.add("prodid", "-//Rangkul//Booking//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = Event()
    event.add("uid", f"{booking.calendar_uid}@rangkul")
    event.add("sequence", booking.calendar_sequence)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", session.start.astimezone(datetime.UTC))
    event.add("dtend", session.end.astimezone(datetime.UTC))
    event.add("summary", _("Appointment"))
    location = _("Online (the link is sent by email)") if offering.is_online else offering.localized_location
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText(organizer_name or "Rangkul")
    event["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{booking.email}")
    attendee.params["partstat"] = vText("DECLINED" if cancelled else "ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
