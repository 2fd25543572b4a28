"""Staff calendar feeds: the secret address, a new one on request, and which sessions a feed holds."""

import datetime

from django.db import transaction

from booking.models import Booking, BookingStatus, CalendarFeed, CalendarFeedSettings, Session
from core.admin_access import visible
from core.people import new_manage_token

# A feed holds the last month (so a session just past is still there) and what is ahead.
FEED_PAST = datetime.timedelta(days=31)


def feed_for(user):
    """The user's feed address record, made on first use."""
    return CalendarFeed.objects.get_or_create(user=user)[0]


def feed_renew(user):
    """A new secret address; calendars subscribed to the old one stop updating."""
    with transaction.atomic():
        feed = feed_for(user)
        feed.token = new_manage_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def may_have_a_feed(user):
    return user.is_active and user.has_perm("booking.view_session")


def feed_owner(token):
    """The active staff member a feed token belongs to (who may still see sessions), or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not may_have_a_feed(feed.user):
        return None
    return feed.user


def feed_sessions(user, *, now):
    """(sessions the user may see from a month ago on, with places taken; {session id: first names} or {})."""
    sessions = list(
        visible(Session.objects.with_places_taken(), user)
        .filter(start__gte=now - FEED_PAST)
        .select_related("offering")
        .order_by("start")
    )
    if not CalendarFeedSettings.load().show_names:
        return sessions, {}
    names = {}
    for session_id, name in (
        visible(Booking.objects.all(), user)
        .filter(
            session__in=[session.pk for session in sessions],
            status__in=[BookingStatus.CONFIRMED, BookingStatus.ATTENDED],
        )
        .order_by("name")
        .values_list("session_id", "name")
    ):
        names.setdefault(session_id, []).append(name.split()[0] if name.split() else name)
    return sessions, names
