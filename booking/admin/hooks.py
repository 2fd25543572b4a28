"""The admin's screens after a session and the staff member's own calendar: their addresses and menu items.

Loaded by booking/wagtail_hooks.py (Wagtail reads one hooks module per app).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from booking.admin import feed_views, follow_up_views
from booking.services import feeds


@hooks.register("register_admin_urls")
def register_after_sessions_urls():
    return [
        path("booking/missed-sessions/", follow_up_views.missed_sessions, name="booking_missed_sessions"),
        path(
            "booking/missed-sessions/<int:pk>/done/",
            follow_up_views.missed_sessions_done,
            name="booking_missed_sessions_done",
        ),
        path("booking/feedback/", follow_up_views.feedback_summary, name="booking_feedback_summary"),
        path("booking/my-calendar/", feed_views.my_calendar_feed, name="booking_my_calendar_feed"),
    ]


class AfterSessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("booking.view_missedsessionsfollowup") or request.user.has_perm(
            "booking.view_sessionfeedback"
        )


@hooks.register("register_admin_menu_item")
def register_after_sessions_menu_item():
    return AfterSessionsMenuItem(
        _("After sessions"), reverse("booking_missed_sessions"), icon_name="tick", order=210
    )


class MyCalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return feeds.may_have_a_feed(request.user)


@hooks.register("register_admin_menu_item")
def register_my_calendar_menu_item():
    return MyCalendarMenuItem(
        _("My calendar"), reverse("booking_my_calendar_feed"), icon_name="date", order=220
    )
