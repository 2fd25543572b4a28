"""Who sees which sessions, bookings and waiting lists in the admin.

A counselor sees the rows of their own sessions only; whoever has "view all bookings"
(the Coordinator group, superusers) sees everything. Every admin listing, page, export
and history of these models goes through ``visible``.
"""

from booking.models import Booking, Notification, Session, WaitingListEmail, WaitingListEntry

VIEW_ALL = "booking.view_all_bookings"
# How each model reaches the counselor whose session it belongs to.
COUNSELOR_PATHS = {
    Session: "counselor",
    Booking: "session__counselor",
    Notification: "booking__session__counselor",
    WaitingListEntry: "session__counselor",
    WaitingListEmail: "entry__session__counselor",
}


def register_counselor_path(model, path):
    """Another app's personal-data model, and how it reaches its counselor (e.g. buddy sign-ups)."""
    COUNSELOR_PATHS[model] = path


def sees_everything(user):
    return user.has_perm(VIEW_ALL)


def visible(queryset, user):
    """The rows of ``queryset`` that ``user`` may see."""
    if sees_everything(user):
        return queryset
    return queryset.filter(**{f"{COUNSELOR_PATHS[queryset.model]}__user": user})


def is_visible(instance, user):
    return sees_everything(user) or visible(type(instance).objects.filter(pk=instance.pk), user).exists()
