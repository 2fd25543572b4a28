"""iCalendar files for bookings and staff members' session feeds, built with the icalendar library."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vCalAddress, vText

from booking.models import BookingStatus
from core.localtime import local_zone


def meeting_link_for(booking):
    """The online meeting link, for a person whose place is confirmed (a held place gets it on confirming)."""
    if booking.session.offering.is_online and booking.status == BookingStatus.CONFIRMED:
        return booking.session.offering.meeting_link
    return ""


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
    location = offering.localized_location
    if offering.is_online:
        location = meeting_link_for(booking) or _("Online (the link is sent by email)")
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


def staff_feed(sessions, *, names):
    """A staff member's sessions as one calendar, in WIB: stable UIDs, cancelled ones marked so.

    Each event says the offering, the place and how many are booked; first names only when
    the site turns them on (``names`` maps a session id to its people's first names). Call
    inside translation.override(the staff member's language).
    """
    zone = local_zone()
    calendar = Calendar()
    calendar.add("prodid", "-//Rangkul//Staff sessions//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Rangkul sessions"))
    calendar.add("x-wr-timezone", str(zone))
    for session in sessions:
        offering = session.offering
        event = Event()
        event.add("uid", f"session-{session.pk}@rangkul")
        event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
        event.add("dtstart", session.start.astimezone(zone))
        event.add("dtend", session.end.astimezone(zone))
        event.add("summary", offering.localized_title)
        event.add("location", _("Online") if offering.is_online else offering.localized_location)
        event.add("status", "CONFIRMED" if session.is_scheduled else "CANCELLED")
        lines = [
            ngettext(
                "%(taken)d of %(places)d place booked",
                "%(taken)d of %(places)d places booked",
                session.places,
            )
            % {"taken": session.places_taken, "places": session.places}
        ]
        if session.pk in names:
            lines.append(", ".join(names[session.pk]))
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
